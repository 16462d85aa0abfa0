package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One real OpenSSH sshd playing a host: its own directory, host key, config and log, listening on
 * {@code address:port}; optionally started inside a network namespace ({@code launcher} prefix).
 * Stopped by PID.
 */
public final class SshdHost implements LabComponent {
    public static final String SSHD = "/usr/sbin/sshd";

    private final String name;
    private final String address;
    private final int port;
    private final Path dir;
    private final Path authorizedKeys;
    private final List<String> launcher;
    private volatile ManagedProcess process;
    private String logLevel = "VERBOSE";
    private List<String> extraConfig = List.of();

    SshdHost(String name, String address, int port, Path dir, Path authorizedKeys, List<String> launcher) {
        this.name = name;
        this.address = address;
        this.port = port;
        this.dir = dir;
        this.authorizedKeys = authorizedKeys;
        this.launcher = List.copyOf(launcher);
    }

    /** An sshd on port 22 inside {@code ns} (on its address), with its own directory under {@code dir}. */
    public static SshdHost inNamespace(String name, NetNamespace ns, Path dir, Path authorizedKeys) {
        return onAddress(name, ns.address(), ns, dir, authorizedKeys);
    }

    /** An sshd on port 22 inside {@code ns} on one of its addresses (e.g. a delay line's end). */
    public static SshdHost onAddress(String name, String address, NetNamespace ns, Path dir, Path authorizedKeys) {
        return new SshdHost(name, address, 22, dir, authorizedKeys, ns.command());
    }

    /** Extra sshd_config lines (e.g. SetEnv, ForceCommand), written after the lab's own. */
    public SshdHost withConfig(List<String> lines) {
        this.extraConfig = List.copyOf(lines);
        return this;
    }

    /** sshd's LogLevel (VERBOSE by default; DEBUG1 shows forwarding requests). */
    public SshdHost logLevel(String level) {
        this.logLevel = level;
        return this;
    }

    public String name() {
        return name;
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return dir.resolve("sshd.log");
    }

    public long pid() {
        return process.pid();
    }

    /** Writes config and (if missing) host key, starts sshd and waits until the port accepts. */
    public SshdHost start() {
        try {
            Files.createDirectories(dir);
            Path hostKey = dir.resolve("hostkey");
            if (!Files.exists(hostKey)) {
                LabCommand.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", hostKey.toString());
            }
            Path config = dir.resolve("sshd_config");
            Files.writeString(config, String.join("\n",
                    "Port " + port,
                    "ListenAddress " + address,
                    "HostKey " + hostKey,
                    "AuthorizedKeysFile " + authorizedKeys,
                    "PidFile " + dir.resolve("sshd.pid"),
                    "UsePAM no",
                    "StrictModes no",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin prohibit-password",
                    "Subsystem sftp internal-sftp",
                    "LogLevel " + logLevel,
                    "MaxStartups 200:30:400",
                    "ClientAliveInterval 0",
                    String.join("\n", extraConfig),
                    "") );
            Path privsep = Path.of("/run/sshd");
            if (!Files.isDirectory(privsep)) {
                Files.createDirectories(privsep);
            }
            List<String> cmd = new ArrayList<>(launcher);
            cmd.addAll(List.of(SSHD, "-D", "-e", "-f", config.toString()));
            process = ManagedProcess.start("sshd " + name, log(), cmd);
            if (launcher.isEmpty()) {
                process.awaitPort(address, port, Duration.ofSeconds(10));
            } else {
                // inside a namespace the port is not reachable from here before routes exist: wait for the log line
                process.await(Duration.ofSeconds(10), () -> logText().contains("Server listening on " + address),
                        "sshd listening in its namespace");
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new host key, as after a reinstall: stops, regenerates, starts on the same address and port. */
    public SshdHost changeHostKey() {
        close();
        try {
            Files.deleteIfExists(dir.resolve("hostkey"));
            Files.deleteIfExists(dir.resolve("hostkey.pub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start();
    }

    /** The known_hosts line for this host, as ssh would write it (unhashed). */
    public String knownHostsLine() {
        try {
            String[] pub = Files.readString(dir.resolve("hostkey.pub")).trim().split("\\s+");
            String host = port == 22 ? address : "[" + address + "]:" + port;
            return host + " " + pub[0] + " " + pub[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TCP connections sshd accepted so far (one per connect attempt). */
    public long connectionsAccepted() {
        return logText().lines().filter(l -> l.contains("Connection from ")).count();
    }

    /** SIGKILL by PID, no waiting (shutdown hooks). */
    void kill() {
        ManagedProcess p = process;
        if (p != null) {
            ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }
}
