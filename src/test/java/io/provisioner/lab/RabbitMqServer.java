package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private RabbitMQ node on loopback: its own node name, mnesia and log directories, AMQP, distribution
 * and epmd ports, and HOME (for the Erlang cookie). Started through {@code /usr/lib/rabbitmq/bin/rabbitmq-server}
 * (the /usr/sbin wrapper switches to the rabbitmq user, which cannot write our temp directory).
 * It takes ~15 s to start: start one per test class.
 */
public final class RabbitMqServer implements LabComponent {
    private static final String SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private final Path dir;
    private final int port;
    private final int epmdPort;
    private final ManagedProcess process;

    private RabbitMqServer(Path dir, int port, int epmdPort, ManagedProcess process) {
        this.dir = dir;
        this.port = port;
        this.epmdPort = epmdPort;
        this.process = process;
    }

    public static void require() {
        Requirements.requireExecutable(SERVER);
    }

    /** A server for the whole test class (it takes about 15 s to start). */
    public static ClassLab<RabbitMqServer> perClass() {
        return ClassLab.of(RabbitMqServer::require, RabbitMqServer::start);
    }

    public static RabbitMqServer start() {
        require();
        try {
            Path dir = Files.createTempDirectory("pvrabbit");
            Files.createDirectories(dir.resolve("home"));
            Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
            int port = FreePort.any();
            int dist = FreePort.any();
            int epmd = FreePort.any();
            ProcessBuilder pb = new ProcessBuilder(SERVER).directory(dir.toFile());
            var env = pb.environment();
            env.put("HOME", dir.resolve("home").toString());
            env.put("RABBITMQ_NODENAME", "pvrabbit" + ProcessHandle.current().pid() + "x" + port + "@localhost");
            env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
            env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
            env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
            env.put("RABBITMQ_NODE_PORT", String.valueOf(port));
            env.put("RABBITMQ_DIST_PORT", String.valueOf(dist));
            env.put("ERL_EPMD_PORT", String.valueOf(epmd));
            env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
            env.put("RABBITMQ_PID_FILE", dir.resolve("rabbit.pid").toString());
            env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString());
            ManagedProcess proc = ManagedProcess.start("rabbitmq-server", dir.resolve("rabbitmq.out"), pb);
            RabbitMqServer server = new RabbitMqServer(dir, port, epmd, proc);
            try {
                proc.awaitPort("127.0.0.1", port, Duration.ofSeconds(90));
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
        // epmd daemonises out of the process tree; it is ours alone (private port), so stop it by port.
        NetNamespace.run(List.of("/usr/bin/epmd", "-port", String.valueOf(epmdPort), "-kill"), Duration.ofSeconds(10));
        MariaDbServer.deleteTree(dir);
    }
}
