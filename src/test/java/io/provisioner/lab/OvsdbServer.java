package io.provisioner.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A private {@code ovsdb-server} (Debian openvswitch-switch) with the vswitch schema, serving
 * {@code RUNDIR/db.sock}; the run directory starts as Debian leaves it for non-root users: {@code root:root 0750}.
 * Runs in the foreground under {@link ManagedProcess}; {@link #restart(String)} starts it again with a given
 * umask, the way its service manager would.
 */
public final class OvsdbServer implements LabComponent {
    private final Path dir;
    private final Path runDir;
    private ManagedProcess process;

    private final boolean ownsDir;

    private OvsdbServer(Path dir, boolean ownsDir) {
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.runDir = dir.resolve("run/openvswitch");
    }

    /** Starts a server whose files go under {@code dir} (the caller's: left in place on close). */
    public static OvsdbServer start(Path dir) throws Exception {
        require();
        OvsdbServer server = new OvsdbServer(dir, false);
        server.initialise();
        return server;
    }

    private void initialise() throws Exception {
        Files.createDirectories(runDir);
        Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxr-x---"));
        exec("ovsdb-tool", "create", dir.resolve("conf.db").toString(), "/usr/share/openvswitch/vswitch.ovsschema");
        restart("0022");
        exec("ovs-vsctl", "--db=unix:" + socket(), "--timeout=10", "--no-wait", "init");
    }

    /**
     * An ovsdb-server for the whole test class, in a directory of its own that every user may search (0755),
     * as Debian's ovs-ctl leaves the way down to the run directory; the directory is removed after.
     */
    public static ClassLab<OvsdbServer> perClass() {
        return ClassLab.of(OvsdbServer::require, () -> {
            Path dir = LoopbackDaemon.directory("ovsdb");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            OvsdbServer server = new OvsdbServer(dir, true);
            try {
                server.initialise();
                return server;
            } catch (Exception | AssertionError e) {
                server.close();
                throw e;
            }
        });
    }

    /** Skips (or fails in CI) unless ovsdb-server, its tools and the vswitch schema are here, and we are root. */
    public static void require() {
        Requirements.requireRoot("ovsdb-server owns its socket as root");
        Requirements.requireExecutable("/usr/sbin/ovsdb-server");
        Requirements.requireExecutable("/usr/bin/ovsdb-tool");
        Requirements.require(Files.exists(Path.of("/usr/share/openvswitch/vswitch.ovsschema")), "openvswitch-switch schema");
    }

    public Path socket() {
        return runDir.resolve("db.sock");
    }

    public Path runDir() {
        return runDir;
    }

    /** Stops the server if running and starts it again under {@code umask}; waits for a fresh socket. */
    public void restart(String umask) throws Exception {
        if (process != null) {
            process.close();
        }
        Files.deleteIfExists(socket());
        process = ManagedProcess.start("ovsdb-server", dir.resolve("ovsdb-server.out"), List.of("bash", "-c",
                "umask " + umask + "; exec /usr/sbin/ovsdb-server \"$0\" --remote=punix:\"$1\" --unixctl=\"$2\" --no-chdir"
                        + " --log-file=\"$3\"", dir.resolve("conf.db").toString(), socket().toString(),
                runDir.resolve("ovsdb-server.ctl").toString(), dir.resolve("ovsdb-server.log").toString()));
        process.awaitFile(socket(), Duration.ofSeconds(20));
    }

    private static void exec(String... argv) {
        LabCommand.run(argv);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        if (ownsDir) {
            MariaDbServer.deleteTree(dir);
        }
    }
}
