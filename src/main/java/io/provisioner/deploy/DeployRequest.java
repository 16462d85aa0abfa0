package io.provisioner.deploy;

import io.provisioner.spec.Spec;

import java.nio.file.Path;
import java.util.Set;

/**
 * One deploy as the user asked for it. {@code onlyHosts} empty = all; {@code stateDir} holds the journal,
 * local log copies and the generated openrc/clouds.yaml; {@code reportDir} may be null. {@code store} is
 * where the journal goes and where {@code resume} reads it back: the caller opens and closes it (the CLI
 * passes a {@link Journal}, the service its database).
 */
public record DeployRequest(Spec spec, Set<String> onlyHosts, int parallel, boolean resume, Path stateDir,
                            Path reportDir, PreflightOptions preflight, RunStore store) {

    public boolean includes(String host) {
        return onlyHosts.isEmpty() || onlyHosts.contains(host);
    }
}
