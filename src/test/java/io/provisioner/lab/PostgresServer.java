package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private PostgreSQL 15 (Debian's postgresql-15): {@code initdb} into its own directory under
 * {@code target/}, {@code postgres} on a private loopback port with its socket in that directory, run as
 * the non-root {@code postgres} user (PostgreSQL refuses root). Local connections are trusted (loopback
 * only, a throw-away cluster). {@link #stop()} and {@link #start()} take it away and bring it back on the
 * same port and data, for outage tests.
 *
 * <pre>
 * try (PostgresServer pg = PostgresServer.start()) {
 *     pg.jdbcUrl(); // jdbc:postgresql://127.0.0.1:PORT/provisioner?user=provisioner
 * }
 * </pre>
 */
public final class PostgresServer implements LabComponent {
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String OS_USER = "postgres";
    private static final String DB_USER = "provisioner";
    private final Path dir;
    private final int port;
    private ManagedProcess process;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Skips (or fails in CI) unless PostgreSQL 15 is installed and we are root (to run it as postgres). */
    public static void require() {
        Requirements.requireRoot("running postgres as the postgres user");
        Requirements.requireExecutable(BIN.resolve("initdb").toString());
        Requirements.requireExecutable(BIN.resolve("postgres").toString());
        Requirements.requireExecutable("/usr/sbin/runuser");
    }

    /** A server for the whole test class. */
    public static ClassLab<PostgresServer> perClass() {
        return ClassLab.of(PostgresServer::require, PostgresServer::start);
    }

    public static PostgresServer start() {
        require();
        LabUser.ensure(OS_USER);
        try {
            Path base = Files.createDirectories(Path.of("target", "lab-postgres").toAbsolutePath());
            Path dir = Files.createTempDirectory(base, "pg");
            LabCommand.run("chown", "-R", OS_USER + ":", dir.toString());
            PostgresServer server = new PostgresServer(dir, FreePort.on("127.0.0.1"));
            String init = LabCommand.run("runuser", "-u", OS_USER, "--", BIN.resolve("initdb").toString(),
                    "-D", dir.resolve("data").toString(), "-U", DB_USER, "-A", "trust", "--no-sync",
                    "-E", "UTF8", "--locale=C");
            if (!Files.isDirectory(dir.resolve("data"))) {
                throw new IllegalStateException("initdb made no data directory: " + init);
            }
            server.startProcess();
            LabCommand.run("runuser", "-u", OS_USER, "--", BIN.resolve("createdb").toString(), "-h",
                    dir.toString(), "-p", String.valueOf(server.port), "-U", DB_USER, "provisioner");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startProcess() {
        ProcessBuilder pb = new ProcessBuilder(List.of("runuser", "-u", OS_USER, "--", BIN.resolve("postgres").toString(),
                "-D", dir.resolve("data").toString(), "-p", String.valueOf(port), "-k", dir.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=200", "-c", "shared_buffers=32MB"));
        process = ManagedProcess.start("postgres", dir.resolve("postgres.log"), pb);
        try {
            process.awaitPort("127.0.0.1", port, Duration.ofSeconds(60));
            process.await(Duration.ofSeconds(30), WaitCondition.commandSucceeds(List.of(
                    BIN.resolve("pg_isready").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port))));
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "\npostgres.log:\n" + process.tail(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the test database (trusted loopback login, so no password). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/provisioner?user=" + DB_USER;
    }

    /** Runs SQL with psql as the database owner; returns its unaligned, tuples-only output. */
    public String sql(String statement) {
        return LabCommand.run(BIN.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
                DB_USER, "-d", "provisioner", "-At", "-v", "ON_ERROR_STOP=1", "-c", statement).strip();
    }

    /** Takes the server away (fast shutdown: clients are disconnected); {@link #restart()} brings it back. */
    public void stop() {
        LabCommand.tryRun(List.of("runuser", "-u", OS_USER, "--", BIN.resolve("pg_ctl").toString(), "stop", "-D",
                dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "30"));
        process.close();
    }

    /** Starts the server again on the same port and data after {@link #stop()}. */
    public void restart() {
        startProcess();
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() {
        if (process != null) {
            stop();
        }
        MariaDbServer.deleteTree(dir);
    }
}
