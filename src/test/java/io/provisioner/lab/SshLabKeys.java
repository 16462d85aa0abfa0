package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The lab's client side: a world-readable lab directory (sshd reads authorized_keys as the login user),
 * an ed25519 client key pair in OpenSSH format, the authorized_keys file all lab sshd share, and
 * a known_hosts file written from the hosts' keys.
 */
public final class SshLabKeys {
    private final Path dir;

    public SshLabKeys(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (!Files.exists(clientKey())) {
                LabCommand.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "lab-client", "-f", clientKey().toString());
            }
            Files.copy(dir.resolve("client_key.pub"), authorizedKeys(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(authorizedKeys(), PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SshLabKeys createTemp(String prefix) {
        try {
            return new SshLabKeys(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path clientKey() {
        return dir.resolve("client_key");
    }

    public Path authorizedKeys() {
        return dir.resolve("authorized_keys");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** Adds another public key (e.g. an encrypted or RSA key made by a test) to authorized_keys. */
    public void authorize(Path publicKey) {
        try {
            Files.writeString(authorizedKeys(), Files.readString(publicKey), java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes known_hosts with these hosts' keys, replacing the file; {@code hashed} runs ssh-keygen -H on it. */
    public Path writeKnownHosts(Collection<SshdHost> hosts, boolean hashed) {
        try {
            Files.writeString(knownHosts(), hosts.stream().map(SshdHost::knownHostsLine)
                    .collect(Collectors.joining("\n", "", "\n")));
            if (hashed) {
                LabCommand.run(List.of("ssh-keygen", "-q", "-H", "-f", knownHosts().toString()));
                Files.deleteIfExists(dir.resolve("known_hosts.old"));
            }
            return knownHosts();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteAll() {
        LabCommand.tryRun(List.of("rm", "-rf", "--", dir.toString()));
    }
}
