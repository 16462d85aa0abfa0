package io.provisioner.sandbox;

import io.provisioner.spec.TargetPaths;

import java.nio.file.Path;

/**
 * One simulated host of a {@link SandboxLab}.
 *
 * @param name         host name (sandbox1, sandbox2, ...)
 * @param address      where its SSH server listens (127.0.0.1)
 * @param port         its SSH port
 * @param user         the login user (the stack user, "stack")
 * @param root         the host's root directory; every system path of the host lies inside it
 * @param devstackRepo a file:// git URL of the simulator tree, to clone as "devstack"
 * @param paths        the host's target paths (inside root)
 * @param hostIp       the address DevStack autodetects as HOST_IP on this host (a 127.x address where
 *                     the host's service endpoints listen); not the SSH address
 */
public record SandboxHost(String name, String address, int port, String user, Path root, String devstackRepo,
                          TargetPaths paths, String hostIp) {

    /** The stack user's home and DevStack's DEST ({@code /opt/stack} inside the root). */
    public String home() {
        return root.resolve("opt/stack").toString();
    }

    /** Where the devstack checkout belongs ({@code $DEST/devstack}). */
    public String devstackDir() {
        return root.resolve("opt/stack/devstack").toString();
    }
}
