package io.provisioner.sandbox;

import io.provisioner.diagnose.Diagnoser;
import io.provisioner.diagnose.Diagnosis;
import io.provisioner.diagnose.LogOutcome;
import io.provisioner.lab.LabCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's stack.sh, run as a non-root user, against the real programs at the seed article's six
 * failure points ({@link RealComponents}). Configured the article's broken way, the real component makes the
 * run fail at that point, with DevStack's output around the program's own message, and the project's
 * diagnoser (what the deploy calls on its copy of stack.sh's output) names the failure; configured the
 * healthy way, the same step passes. Every fault test starts from the healthy setup and breaks one thing.
 */
class SimulatorOnRealComponentsIT {
    /** MySQL, Keystone (the OpenStack client's first request) and the OVS agent (ovs-vsctl). */
    private static final String SERVICES = "mysql,key,q-agt";

    @TempDir
    static Path dir;
    static RealComponents lab;

    @BeforeAll
    static void start() throws Exception {
        lab = RealComponents.start(dir);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /**
     * All healthy: GIT_BASE is the git daemon, the apt sources work, MariaDB's root password is
     * DATABASE_PASSWORD, the stack user's group may use db.sock, the proxy is set and no_proxy holds HOST_IP.
     */
    private static RealComponentHost host(String era, UnaryOperator<RealComponentHost.Setup> change) throws Exception {
        return RealComponentHost.create(lab, change.apply(new RealComponentHost.Setup(era, lab.gitBase(), SERVICES,
                lab.proxy.url(), true, false)));
    }

    private static Diagnosis diagnose(SimulatedHost.Run run) {
        return Diagnoser.builtin().diagnose(new StringReader(run.console()));
    }

    private static void assertDiagnosed(SimulatedHost.Run run, String category, String fixup, String file,
                                        String function) {
        Diagnosis d = diagnose(run);
        System.out.println(d.toText());
        assertThat(d.outcome()).as(d.toText()).isEqualTo(LogOutcome.FAILED);
        assertThat(d.category()).as(d.toText() + "\n" + run.console()).isEqualTo(category);
        assertThat(d.fixups()).as(d.toText()).containsExactly(fixup);
        if (file != null) {
            assertThat(d.failedStep()).as(d.toText()).isNotNull();
            assertThat(d.failedStep().file()).as(d.toText()).isEqualTo(file);
            assertThat(d.failedStep().function()).as(d.toText()).isEqualTo(function);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2016", "current"})
    void healthyComponentsLetEveryFailurePointPass(String era) throws Exception {
        try (RealComponentHost host = host(era, s -> s)) {
            SimulatedHost.Run run = host.stack();

            assertThat(run.exit()).as(run.console()).isZero();
            // each of the article's commands ran against the real program and passed
            assertThat(run.console()).contains("git clone " + lab.gitBase() + "/openstack/requirements.git",
                    "apt-get update", "Reading package lists...", "ovs-vsctl show", "openstack project show admin",
                    "Keystone is serving at http://" + host.hostIp)
                    .contains("2016".equals(era) ? "GRANT ALL PRIVILEGES ON *.* TO" : "CREATE USER IF NOT EXISTS")
                    .doesNotContain("Error on exit", "[ERROR]");
            assertThat(lab.mariadb.runAsRoot("SELECT COUNT(*) FROM mysql.user WHERE User='root' AND Host='%'").strip())
                    .isEqualTo("1");
            assertThat(LabCommand.run("ovs-vsctl", "--db=unix:" + lab.ovs.socket(), "list-br")).contains("br-int");
            // no_proxy held HOST_IP: the client went to Keystone directly, never through the proxy
            assertThat(lab.proxy.log()).doesNotContain(host.hostIp);
            Diagnosis d = diagnose(run);
            assertThat(d.outcome()).as(d.toText()).isEqualTo(LogOutcome.SUCCEEDED);
            assertThat(d.category()).isNull();
        }
    }

    @Test
    void gitProtocolUnreachableFailsTheRequirementsClone() throws Exception {
        String dead = RealComponents.unreachableGitBase();
        try (RealComponentHost host = host("2016", s -> s.withGitBase(dead))) {
            SimulatedHost.Run run = host.stack();

            assertThat(run.exit()).isNotZero();
            assertThat(run.console()).contains("fatal: unable to connect to 127.0.0.1:", "errno=Connection refused",
                    "[Call Trace]", "git call failed: [git clone " + dead + "/openstack/requirements.git ",
                    "Error on exit", "World dumping... see ");
            assertDiagnosed(run, "git-protocol-blocked", "git-https", "functions-common", "git_timed");
        }
    }

    @Test
    void aLiveScreenSessionRefusesA2016Run() throws Exception {
        // the real screen: a clean host passes the check, and the session that finished run leaves refuses the next
        try (RealComponentHost host = host("2016", s -> s.withRealScreen("mysql"))) {
            removeScreenDirectory(); // left by an earlier run for a user of this name (screen refuses another owner's)
            try {
                SimulatedHost.Run first = host.stack();
                assertThat(first.exit()).as(first.console()).isZero();
                assertThat(host.asStackUser("screen", "-ls").output()).containsPattern("\\d+\\.stack\\s");

                SimulatedHost.Run again = host.stack();
                assertThat(again.exit()).isEqualTo(1);
                assertThat(again.console()).contains("You are already running a stack.sh session.",
                        "To rejoin this session type 'screen -x stack'.", "To destroy this session, type './unstack.sh'.");
                assertDiagnosed(again, "stack-already-running", "unstack", null, null);
            } finally {
                quitScreenSessions(host);
            }
        }
    }

    @Test
    void aDeadAptSourceFailsTheUpdate() throws Exception {
        Path list = lab.addDeadAptSource();
        try (RealComponentHost host = host("2016", s -> s)) {
            SimulatedHost.Run run = host.stack();

            assertThat(run.exit()).isNotZero();
            assertThat(run.console()).contains("E: The repository 'file:" + dir.resolve("apt/gone")
                            + " trusty Release' does not have a Release file.",
                    "Failed to update apt repos, we're dead now", "[Call Trace]", "Error on exit");
            assertDiagnosed(run, "apt-source-failure", "apt-sources", "functions-common", "apt_get_update");
        } finally {
            lab.removeDeadAptSource();
        }
        assertThat(list).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2016", "current"})
    void aDifferentMysqlRootPasswordIsDenied(String era) throws Exception {
        lab.mysqlRootPasswordDiffers();
        try (RealComponentHost host = host(era, s -> s)) {
            SimulatedHost.Run run = host.stack();

            assertThat(run.exit()).isNotZero();
            assertThat(run.console()).contains(
                    "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)", "Error on exit")
                    .contains("2016".equals(era) ? "GRANT ALL PRIVILEGES ON *.* TO" : "CREATE USER IF NOT EXISTS");
            assertDiagnosed(run, "mysql-root-access-denied", "mysql-root-password", "lib/databases/mysql",
                    "configure_database_mysql");
        } finally {
            lab.mysqlHealthy();
        }
    }

    @Test
    void aRootOnlyOvsSocketRefusesTheStackUser() throws Exception {
        lab.ovsRootOnly();
        try (RealComponentHost host = host("current", s -> s)) {
            SimulatedHost.Run run = host.stack();

            assertThat(run.exit()).isNotZero();
            assertThat(run.console()).contains("ovs-vsctl: unix:" + lab.ovs.socket()
                    + ": database connection failed (Permission denied)", "Error on exit");
            assertDiagnosed(run, "ovs-db-sock-permission", "ovs-socket-permissions", "lib/neutron",
                    "_neutron_ovs_base_setup_bridge");
        } finally {
            lab.ovsHealthy();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2016", "current"})
    void aNoProxyWithoutHostIpSendsKeystoneThroughTheProxy(String era) throws Exception {
        try (RealComponentHost host = host(era, RealComponentHost.Setup::withNoProxyMissingHostIp)) {
            SimulatedHost.Run run = host.stack();

            assertThat(run.exit()).isNotZero();
            assertThat(run.console()).contains("openstack project show admin", "Error on exit")
                    .contains("2016".equals(era) ? "Could not determine a suitable URL for the plugin"
                            : "Could not find versioned identity endpoints when attempting to authenticate.");
            // the request really went to the proxy, which does not serve the lab network
            assertThat(lab.proxy.log()).contains(host.hostIp);
            assertDiagnosed(run, "proxy-no-proxy-missing", "no-proxy", "lib/keystone", "create_keystone_accounts");
        }
    }

    /** Ends the stack user's screen sessions by their PIDs (screen -ls lists them as PID.NAME). */
    private static void quitScreenSessions(RealComponentHost host) {
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+)\\.\\S+").matcher(host.asStackUser("screen", "-ls").output());
        List<Long> pids = new java.util.ArrayList<>();
        while (m.find()) {
            pids.add(Long.parseLong(m.group(1)));
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            });
        }
        host.asStackUser("screen", "-wipe");
        removeScreenDirectory();
    }

    /** The lab user's screen socket directory; userdel leaves it, and a later user of the name could not use it. */
    private static void removeScreenDirectory() {
        LabCommand.tryRun(List.of("rm", "-rf", "/run/screen/S-" + lab.user.name()));
    }
}
