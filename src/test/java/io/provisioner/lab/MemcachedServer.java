package io.provisioner.lab;

import java.nio.file.Path;
import java.util.List;

/** A private memcached on a loopback TCP port (UDP off). */
public final class MemcachedServer {
    private MemcachedServer() {
    }

    public static LoopbackDaemon start() {
        Requirements.requireExecutable("/usr/bin/memcached");
        Path dir = LoopbackDaemon.directory("memcached");
        int port = FreePort.any();
        return LoopbackDaemon.start("memcached", dir, port, List.of("/usr/bin/memcached", "-l", "127.0.0.1",
                "-p", String.valueOf(port), "-U", "0", "-m", "16", "-u", "root"));
    }
}
