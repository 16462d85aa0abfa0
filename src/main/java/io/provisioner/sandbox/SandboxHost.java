package io.provisioner.sandbox;

import io.provisioner.spec.TargetPaths;

import java.nio.file.Path;
import java.util.Set;

/**
 * One simulated host of a {@link SandboxLab}.
 *
 * @param name         host name (the spec's, or sandbox1, sandbox2, ...)
 * @param address      where its SSH server listens (127.0.0.1)
 * @param port         its SSH port
 * @param user         the login user (the stack user, "stack")
 * @param root         the host's root directory; every system path of the host lies inside it
 * @param devstackRepo a file:// git URL of the simulator tree, to clone as "devstack"
 * @param paths        the host's target paths (inside root)
 * @param hostIp       the address DevStack autodetects as HOST_IP on this host (a 127.x address where
 *                     the host's service endpoints listen); not the SSH address
 * @param ownAddress   the address its spec names it by: its HOST_IP (where its SSH server listens besides
 *                     127.0.0.1), or {@code localhost} for a lone host with the no-proxy fault, whose spec
 *                     leaves HOST_IP to DevStack as the article's did
 * @param devstackDir  where the devstack checkout belongs (inside root; {@code $DEST/devstack} by default)
 * @param faults       the faults this host was given
 */
public record SandboxHost(String name, String address, int port, String user, Path root, String devstackRepo,
                          TargetPaths paths, String hostIp, String ownAddress, String devstackDir,
                          Set<SandboxFault> faults) {
    public SandboxHost {
        faults = Set.copyOf(faults);
    }

    /** The stack user's home and DevStack's DEST ({@code /opt/stack} inside the root). */
    public String home() {
        return root.resolve("opt/stack").toString();
    }

    /** A path of the host (absolute, as a spec names it) as the directory inside the root that stands for it. */
    public String onHost(String path) {
        return root + (path.startsWith("/") ? path : "/" + path);
    }
}
