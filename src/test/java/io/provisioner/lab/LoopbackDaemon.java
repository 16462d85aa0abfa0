package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A lab server in a private temporary directory, listening on one loopback port. Closing it stops the
 * process and removes the directory, also when it never came up.
 */
public final class LoopbackDaemon implements LabComponent {
    private final Path dir;
    private final int port;
    private final ManagedProcess process;

    private LoopbackDaemon(Path dir, int port, ManagedProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** A fresh directory for a daemon's files, named after it. */
    static Path directory(String name) {
        try {
            return Files.createTempDirectory("pv" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code argv} (output to NAME.out in {@code dir}) and waits until 127.0.0.1:{@code port} accepts. */
    static LoopbackDaemon start(String name, Path dir, int port, List<String> argv) {
        ManagedProcess p = ManagedProcess.start(name, dir.resolve(name + ".out"), argv);
        LoopbackDaemon daemon = new LoopbackDaemon(dir, port, p);
        try {
            p.awaitPort("127.0.0.1", port, Duration.ofSeconds(20));
            return daemon;
        } catch (RuntimeException e) {
            daemon.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
        MariaDbServer.deleteTree(dir);
    }
}
