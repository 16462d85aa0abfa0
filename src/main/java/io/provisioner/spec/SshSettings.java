package io.provisioner.spec;

import java.util.List;
import java.util.Set;

/**
 * How to reach a host over SSH. {@code identity}, {@code knownHosts} are local paths (a leading
 * {@code ~} already expanded); {@code passphrase} may be null; {@code jump} is {@code user@host:port} or null.
 * {@code defaulted} names the fields the spec left out ({@link #USER}, {@link #PORT}, {@link #IDENTITY},
 * {@link #KNOWN_HOSTS}): they hold the spec format's defaults until {@code ~/.ssh/config} says otherwise.
 */
public record SshSettings(String user, int port, String identity, Secret passphrase, String knownHosts,
                          HostKeyPolicy hostKeys, String jump, Set<String> defaulted) {
    public static final String USER = "user";
    public static final String PORT = "port";
    public static final String IDENTITY = "identity";
    public static final String KNOWN_HOSTS = "known_hosts";
    /** The fields a spec may leave to {@code ~/.ssh/config}. */
    public static final List<String> DEFAULTABLE = List.of(USER, PORT, IDENTITY, KNOWN_HOSTS);

    public SshSettings {
        defaulted = Set.copyOf(defaulted);
    }

    /** Every field given. */
    public SshSettings(String user, int port, String identity, Secret passphrase, String knownHosts,
                       HostKeyPolicy hostKeys, String jump) {
        this(user, port, identity, passphrase, knownHosts, hostKeys, jump, Set.of());
    }

    public boolean isDefaulted(String field) {
        return defaulted.contains(field);
    }
}
