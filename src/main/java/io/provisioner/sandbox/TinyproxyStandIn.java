package io.provisioner.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** tinyproxy in the foreground on a loopback port, with its own config, log and pid file in the lab. */
final class TinyproxyStandIn implements HttpProxyStandIn {
    private static final List<String> BINARIES = List.of("/usr/bin/tinyproxy", "/usr/sbin/tinyproxy");
    private static final long START_NANOS = 10_000_000_000L;

    private final Process process;
    private final int port;

    private TinyproxyStandIn(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Optional<String> binary() {
        return BINARIES.stream().filter(binary -> Files.isExecutable(Path.of(binary))).findFirst();
    }

    /** Starts tinyproxy in {@code dir}; empty when it is not installed or does not come up. */
    static Optional<HttpProxyStandIn> start(Path dir) throws IOException {
        Optional<String> binary = binary();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        Files.createDirectories(dir);
        for (int attempt = 0; attempt < 3; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            boolean root = "root".equals(System.getProperty("user.name"));
            String conf = "Port " + port + "\nListen 127.0.0.1\nTimeout 120\nMaxClients 100\n"
                    + "LogFile \"" + dir.resolve("tinyproxy.log") + "\"\nLogLevel Info\n"
                    + "PidFile \"" + dir.resolve("tinyproxy.pid") + "\"\nAllow 127.0.0.0/8\n"
                    + (root ? "User root\nGroup root\n" : "");
            Path confFile = Files.writeString(dir.resolve("tinyproxy.conf"), conf);
            Process process = new ProcessBuilder(binary.get(), "-d", "-c", confFile.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("tinyproxy.out").toFile()).start();
            if (awaitPort(process, port)) {
                return Optional.of(new TinyproxyStandIn(process, port));
            }
            process.destroyForcibly();
        }
        return Optional.empty();
    }

    private static boolean awaitPort(Process process, int port) {
        long deadline = System.nanoTime() + START_NANOS;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public String kind() {
        return "tinyproxy";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
