package io.provisioner.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A private memcached on a loopback TCP port (UDP off). */
public final class MemcachedServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final ManagedProcess process;

    private MemcachedServer(Path dir, int port, ManagedProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static MemcachedServer start() {
        Requirements.requireExecutable("/usr/bin/memcached");
        try {
            Path dir = Files.createTempDirectory("pvmemcached");
            int port = FreePort.any();
            ManagedProcess p = ManagedProcess.start("memcached", dir.resolve("memcached.out"), List.of(
                    "/usr/bin/memcached", "-l", "127.0.0.1", "-p", String.valueOf(port), "-U", "0", "-m", "16",
                    "-u", "root"));
            MemcachedServer server = new MemcachedServer(dir, port, p);
            try {
                p.awaitPort("127.0.0.1", port, Duration.ofSeconds(20));
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
