package io.provisioner.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A private redis-server on a loopback port, no persistence; optional password (in its 0600 config file). */
public final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final ManagedProcess process;

    private RedisServer(Path dir, int port, ManagedProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static RedisServer start() {
        return start(null);
    }

    public static RedisServer start(String password) {
        Requirements.requireExecutable("/usr/bin/redis-server");
        try {
            Path dir = Files.createTempDirectory("pvredis");
            int port = FreePort.any();
            Path conf = dir.resolve("redis.conf");
            Files.createFile(conf, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\nsave \"\"\nappendonly no\ndaemonize no\n"
                    + "dir " + dir + "\n" + (password == null ? "" : "requirepass " + password + "\n"));
            ManagedProcess p = ManagedProcess.start("redis-server", dir.resolve("redis.out"),
                    List.of("/usr/bin/redis-server", conf.toString()));
            RedisServer server = new RedisServer(dir, port, p);
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
