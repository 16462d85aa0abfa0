package io.provisioner.spec;

/**
 * How to reach a host over SSH. {@code identity}, {@code knownHosts} are local paths (a leading
 * {@code ~} already expanded); {@code passphrase} may be null; {@code jump} is {@code user@host:port} or null.
 */
public record SshSettings(String user, int port, String identity, Secret passphrase, String knownHosts,
                          HostKeyPolicy hostKeys, String jump) {
}
