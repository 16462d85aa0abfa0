package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.Host;
import io.provisioner.spec.SecretMasker;
import io.provisioner.spec.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a fix-up needs: the spec and the host (every path comes from {@code host.paths()} and
 * {@code host.devstack().dir()}), a shell on the host, the masker, and facts from the diagnosis
 * ({@code package}, {@code uri}, {@code host_ip}, ...). Facts are hints: every fix-up also detects alone.
 */
public record FixupContext(Spec spec, Host host, RemoteShell shell, SecretMasker masker, Map<String, String> facts) {

    public FixupContext {
        facts = Map.copyOf(facts);
    }

    public Optional<String> fact(String key) {
        String value = facts.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The stack user: the SSH user of the host. */
    public String stackUser() {
        return host.ssh().user();
    }

    public CommandResult run(RemoteCommand command) throws RemoteException {
        return shell.run(command);
    }

    /**
     * Runs {@code argv} as the stack user through {@code sudo -n -u USER -H} (works for root and for the user
     * itself), from {@code /}: sudo keeps the caller's working directory, which the stack user may not enter
     * (root's 0700 home when the provisioner runs on the host itself), and git refuses to run in one it cannot stat.
     */
    public RemoteCommand asStackUser(String... argv) {
        List<String> all = new ArrayList<>(List.of("sudo", "-n", "-u", stackUser(), "-H", "--",
                "sh", "-c", "cd / && exec \"$@\"", "sh"));
        all.addAll(List.of(argv));
        return RemoteCommand.of(all.toArray(String[]::new));
    }

    /** DevStack's DEST: localrc DEST, else the directory holding the devstack tree. */
    public String dest() {
        String dest = host.localrc().get("DEST");
        if (dest != null) {
            return dest;
        }
        String dir = host.devstack().dir();
        dir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        return dir.lastIndexOf('/') > 0 ? dir.substring(0, dir.lastIndexOf('/')) : dir;
    }

    public TargetFiles files() {
        return new TargetFiles(shell);
    }
}
