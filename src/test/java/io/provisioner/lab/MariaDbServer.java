package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A private MariaDB server: its own datadir made by {@code mariadb-install-db}, its own socket and TCP
 * port, started with {@code --no-defaults} so the machine's /etc/mysql is never read. Root uses either
 * password auth ({@link Builder#rootPassword}) or unix_socket ({@link Builder#socketAuth()}).
 * Passwords travel only in 0600 option files, never on a command line.
 *
 * <pre>
 * try (MariaDbServer db = MariaDbServer.builder().rootPassword("s3cret").option("max_connect_errors", "3").start()) {
 *     db.runAsRoot("CREATE USER 'probe'@'10.231.0.%'");
 *     db.port(); db.socket();
 * }
 * </pre>
 */
public final class MariaDbServer implements LabComponent {
    private final Path dir;
    private final int port;
    private final String bindAddress;
    private final ManagedProcess process;
    private volatile String rootPassword;

    private MariaDbServer(Path dir, int port, String bindAddress, ManagedProcess process, String rootPassword) {
        this.dir = dir;
        this.port = port;
        this.bindAddress = bindAddress;
        this.process = process;
        this.rootPassword = rootPassword;
    }

    /** Output of a client run. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Skips (or fails in CI) unless the server and client programs are installed and we are root. */
    /** A server for the whole test class, built by {@code setup} from a fresh {@link #builder()}. */
    public static ClassLab<MariaDbServer> perClass(UnaryOperator<Builder> setup) {
        return ClassLab.of(MariaDbServer::require, () -> setup.apply(builder()).start());
    }

    public static void require() {
        Requirements.requireRoot("mariadbd --user=root");
        Requirements.requireExecutable("/usr/sbin/mariadbd");
        Requirements.requireExecutable("/usr/bin/mariadb-install-db");
        Requirements.requireExecutable("/usr/bin/mariadb");
    }

    public static final class Builder {
        private String rootPassword;
        private boolean socketAuth;
        private String bindAddress = "127.0.0.1";
        private int port;
        private NetNamespace namespace;
        private final List<String> options = new ArrayList<>();

        /** Root authenticates with this password (auth method "normal"); without it root has no password. */
        public Builder rootPassword(String password) {
            this.rootPassword = password;
            return this;
        }

        /** root@localhost authenticates by unix_socket (Debian's default), so only the OS root user gets in. */
        public Builder socketAuth() {
            this.socketAuth = true;
            return this;
        }

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Runs the server inside {@code ns}: its TCP port is on the namespace's addresses (127.0.0.1:3306 there
         * takes nothing from this machine); the unix socket, {@link #runAsRoot} and {@link #client} work as usual.
         */
        public Builder inNamespace(NetNamespace ns) {
            this.namespace = ns;
            return this;
        }

        /** Any server option, e.g. {@code option("max_connect_errors", "3")}; passed as --name=value. */
        public Builder option(String name, String value) {
            options.add("--" + name.replace('_', '-') + "=" + value);
            return this;
        }

        /** A server flag without a value, e.g. {@code flag("skip-name-resolve")}. */
        public Builder flag(String name) {
            options.add("--" + name);
            return this;
        }

        public MariaDbServer start() {
            require();
            try {
                // Short path: the unix socket path must stay under 108 bytes.
                Path dir = Files.createTempDirectory(Path.of("/tmp"), "pvmdb");
                int p = port != 0 ? port : FreePort.on(bindAddress.equals("0.0.0.0") ? "127.0.0.1" : bindAddress);
                install(dir);
                List<String> cmd = new ArrayList<>(namespace == null ? List.of() : namespace.command());
                cmd.addAll(List.of("/usr/sbin/mariadbd", "--no-defaults",
                        "--datadir=" + dir.resolve("data"), "--socket=" + dir.resolve("mysqld.sock"),
                        "--port=" + p, "--bind-address=" + bindAddress, "--pid-file=" + dir.resolve("mysqld.pid"),
                        "--log-error=" + dir.resolve("error.log"), "--user=root", "--skip-log-bin",
                        "--innodb-buffer-pool-size=16M", "--innodb-log-file-size=8M"));
                cmd.addAll(options);
                ManagedProcess proc = ManagedProcess.start("mariadbd", dir.resolve("mariadbd.out"), cmd);
                MariaDbServer server = new MariaDbServer(dir, p, bindAddress, proc, null);
                try {
                    proc.awaitFile(dir.resolve("mysqld.sock"), Duration.ofSeconds(60));
                    String connectTo = bindAddress.equals("0.0.0.0") ? "127.0.0.1" : bindAddress;
                    if (namespace == null) {
                        proc.awaitPort(connectTo, p, Duration.ofSeconds(30));
                    } else {
                        proc.await(Duration.ofSeconds(30), () -> namespace.exec(Duration.ofSeconds(5), "bash", "-c",
                                "exec 3<>/dev/tcp/" + connectTo + "/" + p).ok(), connectTo + ":" + p + " accepting in " + namespace.name());
                    }
                    if (rootPassword != null && !socketAuth) {
                        server.setRootPassword(rootPassword);
                    }
                    return server;
                } catch (RuntimeException e) {
                    server.close();
                    throw new IllegalStateException(e.getMessage() + "\nerror.log:\n" + server.errorLog(), e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void install(Path dir) {
            NetNamespace.Result r = NetNamespace.run(List.of("/usr/bin/mariadb-install-db", "--no-defaults",
                    "--auth-root-authentication-method=" + (socketAuth ? "socket" : "normal"),
                    "--datadir=" + dir.resolve("data"), "--user=root", "--skip-test-db"), Duration.ofSeconds(120));
            if (!r.ok()) {
                throw new IllegalStateException("mariadb-install-db failed: " + r.output());
            }
        }
    }

    public int port() {
        return port;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public Path socket() {
        return dir.resolve("mysqld.sock");
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** The server's private working directory (datadir, socket, logs); deleted by {@link #close()}. */
    public Path directory() {
        return dir;
    }

    public String rootPassword() {
        return rootPassword;
    }

    /**
     * Changes root@localhost's password (and remembers it for {@link #runAsRoot}). The statement goes through a
     * 0600 file the client sources, so the password is on no command line.
     */
    public void setRootPassword(String password) {
        try {
            Path sql = Files.createTempFile(dir, "password", ".sql",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(sql, "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('"
                        + password.replace("\\", "\\\\").replace("'", "''") + "'); FLUSH PRIVILEGES;\n", StandardCharsets.UTF_8);
                runAsRoot("source " + sql);
            } finally {
                Files.deleteIfExists(sql);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.rootPassword = password;
    }

    /** Runs SQL as root over the unix socket; returns the output (tab-separated, no headers); throws on error. */
    public String runAsRoot(String sql) {
        Result r = client("root", rootPassword, sql);
        if (!r.ok()) {
            throw new IllegalStateException("mariadb as root failed (" + r.exitCode() + "): " + r.output());
        }
        return r.output();
    }

    /** Runs SQL as any user over the unix socket; the password goes through a 0600 option file. */
    public Result client(String user, String password, String sql) {
        return clientArgs(List.of("--socket=" + socket()), user, password, sql);
    }

    /** Runs SQL as any user over TCP to {@code host} (e.g. from inside a namespace: use {@link #clientCommand}). */
    public Result clientTcp(String host, String user, String password, String sql) {
        return clientArgs(List.of("--protocol=TCP", "--host=" + host, "--port=" + port), user, password, sql);
    }

    /**
     * The argv of a {@code mariadb} client run over TCP, for running elsewhere (e.g. {@code ns.exec(...)}).
     * The password, if any, is in a 0600 option file named on the command line, never the password itself.
     */
    public List<String> clientCommand(String host, String user, String password, String sql) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/mariadb", "--defaults-file=" + optionFile(user, password),
                "--batch", "--skip-column-names", "--connect-timeout=10", "--protocol=TCP", "--host=" + host,
                "--port=" + port));
        cmd.addAll(List.of("-e", sql));
        return cmd;
    }

    private Result clientArgs(List<String> connection, String user, String password, String sql) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/mariadb", "--defaults-file=" + optionFile(user, password),
                "--batch", "--skip-column-names", "--connect-timeout=10"));
        cmd.addAll(connection);
        cmd.addAll(List.of("-e", sql));
        NetNamespace.Result r = NetNamespace.run(cmd, Duration.ofSeconds(60));
        return new Result(r.exitCode(), r.output());
    }

    private Path optionFile(String user, String password) {
        try {
            Path f = Files.createTempFile(dir, "client", ".cnf",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            String body = "[client]\nuser=" + user + "\n" + (password == null ? "" : "password=\"" + password + "\"\n");
            Files.writeString(f, body, StandardCharsets.UTF_8);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String errorLog() {
        try {
            return Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    public void stop() {
        process.close();
    }

    @Override
    public void close() {
        stop();
        deleteTree(dir);
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }
}
