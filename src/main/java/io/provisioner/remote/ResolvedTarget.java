package io.provisioner.remote;

import java.util.List;

/** A target after {@code ~/.ssh/config} and defaults were applied: exactly what will be dialled. */
record ResolvedTarget(String name, String host, int port, String user, List<String> identities,
                      String knownHosts, String agentSocket) {

    String identitiesForMessage() {
        String files = identities.isEmpty() ? "" : String.join(", ", identities);
        if (agentSocket != null) {
            return "[" + (files.isEmpty() ? "" : files + ", ") + "ssh-agent]";
        }
        return "[" + (files.isEmpty() ? "none found" : files) + "]";
    }
}
