package io.provisioner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: drives the simulator on one sandbox host over SSH, as the deploy would. */
final class SimulatedHost implements AutoCloseable {
    static final String LOCAL_CONF = """
            [[local|localrc]]
            ADMIN_PASSWORD=secretadmin
            DATABASE_PASSWORD=secretdb
            RABBIT_PASSWORD=secretrabbit
            SERVICE_PASSWORD=secretservice
            LOGFILE=$DEST/logs/stack.sh.log
            LOG_COLOR=False
            enable_service q-svc q-agt

            [[post-config|$KEYSTONE_CONF]]
            [DEFAULT]
            debug = True
            """;

    /** What one stack.sh run left: exit status, console, $LOGFILE, $LOGFILE.summary, .stackenv. */
    record Run(int exit, String console, String log, String summary, String stackenv) {
        /** Console and log together (early failures never reach the log). */
        String all() {
            return console + "\n" + log;
        }
    }

    final SandboxLab lab;
    final SandboxHost host;
    final LabShell shell;
    final Path dir;

    SimulatedHost(SandboxLab lab, SandboxHost host) throws Exception {
        this.lab = lab;
        this.host = host;
        this.shell = new LabShell(lab, host);
        this.dir = Path.of(host.devstackDir());
    }

    /** Clones the simulator as the deploy does (unless present) and writes local.conf. */
    SimulatedHost prepare(String localConf) throws Exception {
        if (!Files.exists(dir)) {
            LabShell.Result clone = shell.run("git clone -q " + host.devstackRepo() + " " + dir);
            if (clone.exit() != 0) {
                throw new IllegalStateException("clone failed: " + clone.all());
            }
        }
        Files.writeString(dir.resolve("local.conf"), localConf);
        return this;
    }

    Run stack() throws Exception {
        return run("./stack.sh");
    }

    Run run(String script) throws Exception {
        Path console = Path.of(host.home(), "console.txt");
        LabShell.Result result = shell.run("cd " + dir + " && " + script + " </dev/null >" + console + " 2>&1");
        return new Run(result.exit(), read(console), read(Path.of(host.home(), "logs/stack.sh.log")),
                read(Path.of(host.home(), "logs/stack.sh.log.summary")), read(dir.resolve(".stackenv")));
    }

    LabShell.Result sh(String command) throws Exception {
        return shell.run(command);
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Override
    public void close() {
        shell.close();
    }
}
