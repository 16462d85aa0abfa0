package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** A private redis-server on a loopback port, no persistence; optional password (in its 0600 config file). */
public final class RedisServer {
    private RedisServer() {
    }

    public static LoopbackDaemon start() {
        return start(null);
    }

    public static LoopbackDaemon start(String password) {
        Requirements.requireExecutable("/usr/bin/redis-server");
        Path dir = LoopbackDaemon.directory("redis");
        int port = FreePort.any();
        Path conf = dir.resolve("redis.conf");
        try {
            Files.createFile(conf, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\nsave \"\"\nappendonly no\ndaemonize no\n"
                    + "dir " + dir + "\n" + (password == null ? "" : "requirepass " + password + "\n"));
        } catch (IOException e) {
            MariaDbServer.deleteTree(dir);
            throw new UncheckedIOException(e);
        }
        return LoopbackDaemon.start("redis-server", dir, port, List.of("/usr/bin/redis-server", conf.toString()));
    }
}
