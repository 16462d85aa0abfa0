package io.provisioner.remote;

import java.time.Duration;

/**
 * How to reach one host. {@code address} {@code local} means this machine (no SSH). Fields left empty
 * ({@code user} null, {@code port} 0, {@code identityFile} null) are filled from {@code ~/.ssh/config} and
 * then OpenSSH's defaults; {@code address} may be a {@code Host} alias of that file. {@code jump} is a
 * bastion {@code [user@]host[:port]} or null. The passphrase is never printed.
 */
public record SshTarget(String name, String address, int port, String user, String identityFile,
                        String passphrase, String knownHostsFile, HostKeyCheck hostKeyCheck, String jump,
                        Duration connectTimeout, Duration keepAlive) {

    public static final String LOCAL = "local";

    public SshTarget {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("target without a name");
        }
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("target " + name + " has no address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("target " + name + ": port " + port + " out of range");
        }
        hostKeyCheck = hostKeyCheck == null ? HostKeyCheck.STRICT : hostKeyCheck;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        keepAlive = keepAlive == null ? Duration.ofSeconds(15) : keepAlive;
    }

    /** A target with OpenSSH defaults: strict host keys, {@code ~/.ssh/known_hosts}, 10 s connect timeout. */
    public static SshTarget of(String name, String address, int port, String user) {
        return new SshTarget(name, address, port, user, null, null, null, HostKeyCheck.STRICT, null, null, null);
    }

    public boolean isLocal() {
        return LOCAL.equals(address);
    }

    public SshTarget withIdentity(String file, String passphrase) {
        return new SshTarget(name, address, port, user, file, passphrase, knownHostsFile, hostKeyCheck, jump,
                connectTimeout, keepAlive);
    }

    public SshTarget withKnownHosts(String file, HostKeyCheck check) {
        return new SshTarget(name, address, port, user, identityFile, passphrase, file, check, jump,
                connectTimeout, keepAlive);
    }

    public SshTarget withJump(String jumpSpec) {
        return new SshTarget(name, address, port, user, identityFile, passphrase, knownHostsFile, hostKeyCheck,
                jumpSpec, connectTimeout, keepAlive);
    }

    public SshTarget withTimeouts(Duration connect, Duration keepAliveInterval) {
        return new SshTarget(name, address, port, user, identityFile, passphrase, knownHostsFile, hostKeyCheck,
                jump, connect, keepAliveInterval);
    }

    @Override
    public String toString() {
        return "SshTarget[name=" + name + ", address=" + address + ", port=" + port + ", user=" + user
                + ", identityFile=" + identityFile + ", passphrase=" + (passphrase == null ? "none" : "***")
                + ", knownHostsFile=" + knownHostsFile + ", hostKeyCheck=" + hostKeyCheck + ", jump=" + jump
                + ", connectTimeout=" + connectTimeout + ", keepAlive=" + keepAlive + "]";
    }
}
