package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A private tinyproxy in the foreground on a loopback port, with its own config, log and pid file.
 * Without {@link Builder#connectPorts} every CONNECT port is allowed (tinyproxy's rule); with it, CONNECT to
 * any other port gets {@code 403 Access violation}. CONNECT to a target that does not answer gets
 * {@code 500 Unable to connect} (tinyproxy 1.11).
 *
 * <pre>
 * try (Tinyproxy proxy = Tinyproxy.builder().connectPorts(443).start()) {
 *     proxy.url();   // http://127.0.0.1:PORT
 * }
 * </pre>
 */
public final class Tinyproxy implements LabComponent {
    private final Path dir;
    private final String listen;
    private final int port;
    private final ManagedProcess process;

    private Tinyproxy(Path dir, String listen, int port, ManagedProcess process) {
        this.dir = dir;
        this.listen = listen;
        this.port = port;
        this.process = process;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A proxy for the whole test class, built by {@code setup} from a fresh {@link #builder()}. */
    public static ClassLab<Tinyproxy> perClass(UnaryOperator<Builder> setup) {
        return ClassLab.of(Tinyproxy::require, () -> setup.apply(builder()).start());
    }

    public static void require() {
        Requirements.requireExecutable("/usr/bin/tinyproxy");
    }

    public static final class Builder {
        private String listen = "127.0.0.1";
        private int port;
        private final List<String> allow = new ArrayList<>();
        private final List<String> deny = new ArrayList<>();
        private final List<Integer> connectPorts = new ArrayList<>();
        private final List<String> extra = new ArrayList<>();
        private int timeoutSeconds = 30;

        public Builder listen(String address) {
            this.listen = address;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Client addresses or networks allowed to use the proxy; default: 127.0.0.1 and 10.231.0.0/24. */
        public Builder allow(String... clients) {
            allow.addAll(List.of(clients));
            return this;
        }

        /** Client addresses or networks refused (403). */
        public Builder deny(String... clients) {
            deny.addAll(List.of(clients));
            return this;
        }

        /** The only ports CONNECT may reach (tinyproxy's ConnectPort); others get 403. */
        public Builder connectPorts(int... ports) {
            for (int p : ports) {
                connectPorts.add(p);
            }
            return this;
        }

        /** tinyproxy's idle Timeout (seconds). */
        public Builder timeoutSeconds(int seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        /** Any other tinyproxy.conf line, verbatim. */
        public Builder config(String line) {
            extra.add(line);
            return this;
        }

        public Tinyproxy start() {
            require();
            try {
                Path dir = Files.createTempDirectory("pvtinyproxy");
                int p = port != 0 ? port : FreePort.on(listen);
                StringBuilder conf = new StringBuilder();
                conf.append("Port ").append(p).append('\n')
                        .append("Listen ").append(listen).append('\n')
                        .append("Timeout ").append(timeoutSeconds).append('\n')
                        .append("LogFile \"").append(dir.resolve("tinyproxy.log")).append("\"\n")
                        .append("LogLevel Info\n")
                        .append("PidFile \"").append(dir.resolve("tinyproxy.pid")).append("\"\n")
                        .append("MaxClients 200\n");
                if (Requirements.isRoot()) {
                    conf.append("User root\nGroup root\n");
                }
                for (String d : deny) {
                    conf.append("Deny ").append(d).append('\n');
                }
                for (String a : allow.isEmpty() ? List.of("127.0.0.1", "10.231.0.0/24") : allow) {
                    conf.append("Allow ").append(a).append('\n');
                }
                for (int cp : connectPorts) {
                    conf.append("ConnectPort ").append(cp).append('\n');
                }
                extra.forEach(l -> conf.append(l).append('\n'));
                Path confFile = dir.resolve("tinyproxy.conf");
                Files.writeString(confFile, conf);
                ManagedProcess proc = ManagedProcess.start("tinyproxy", dir.resolve("tinyproxy.out"),
                        List.of("/usr/bin/tinyproxy", "-d", "-c", confFile.toString()));
                Tinyproxy proxy = new Tinyproxy(dir, listen, p, proc);
                try {
                    proc.awaitPort(listen.equals("0.0.0.0") ? "127.0.0.1" : listen, p, Duration.ofSeconds(20));
                    return proxy;
                } catch (RuntimeException e) {
                    proxy.close();
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return listen;
    }

    /** {@code http://HOST:PORT}, the form http_proxy and --proxy take. */
    public String url() {
        return "http://" + listen + ":" + port;
    }

    public Path logFile() {
        return dir.resolve("tinyproxy.log");
    }

    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile()) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.close();
        MariaDbServer.deleteTree(dir);
    }
}
