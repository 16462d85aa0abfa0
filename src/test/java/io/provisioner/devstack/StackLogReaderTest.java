package io.provisioner.devstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class StackLogReaderTest {
    private static StackLogSummary read(String... lines) throws IOException {
        return StackLogReader.read(new StringReader(String.join("\n", lines) + "\n"));
    }

    @Test
    void failedStepIsLastFrameBeforeDieSkippingDieItself() throws IOException {
        StackLogSummary s = read(
                "+functions-common:git_timed:599            timeout -s SIGINT 0 git clone git://x/r.git /opt/stack/r",
                "+functions-common:git_timed:603            die 603 'git call failed: [git clone' git://x/r.git '/opt/stack/r]'",
                "+functions-common:die:186                  local exitcode=0",
                "+functions-common:die:187                  set +o xtrace",
                "[Call Trace]",
                "./stack.sh:708:git_clone",
                "/home/baiming/devstack/functions-common:536:git_timed",
                "/home/baiming/devstack/functions-common:603:die",
                "[ERROR] /home/baiming/devstack/functions-common:603 git call failed: [git clone git://x/r.git /opt/stack/r]",
                "Error on exit",
                "./stack.sh: line 488: generate-subunit: command not found");
        assertThat(s.failedStep()).isEqualTo(new Step("functions-common", "git_timed", 603));
        assertThat(s.callTrace()).hasSize(3);
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo("/home/baiming/devstack/functions-common:603");
            assertThat(e.message()).startsWith("git call failed");
        });
        assertThat(s.errorOnExitLine()).isEqualTo(10);
        assertThat(s.failed()).isTrue();
        assertThat(s.succeeded()).isFalse();
    }

    @Test
    void callTraceGivesStepWhenNoXtrace() throws IOException {
        StackLogSummary s = read("[Call Trace]", "./stack.sh:708:git_clone",
                "/opt/stack/devstack/functions-common:536:git_timed", "/opt/stack/devstack/functions-common:603:die",
                "[ERROR] /opt/stack/devstack/functions-common:603 git call failed: [git clone x]");
        assertThat(s.failedStep()).isEqualTo(new Step("functions-common", "git_timed", 603));
    }

    @Test
    void exitTrapFramesAndWorlddumpNeverMoveTheFailedStep() throws IOException {
        StackLogSummary s = read(
                "+lib/keystone:create_keystone_accounts:369  admin_project=",
                "+lib/keystone:create_keystone_accounts:1   exit_trap",
                "+./stack.sh:exit_trap:474                  local r=1",
                "+./stack.sh:kill_spinner:370               '[' '!' -z '' ']'",
                "Error on exit",
                "+./stack.sh:exit_trap:492                  /home/b/devstack/tools/worlddump.py -d /opt/stack/logs",
                "World dumping... see /opt/stack/logs/worlddump-2016-04-29-090510.txt for details",
                "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (Permission denied)",
                "+some/file:other_function:12   later",
                "+./stack.sh:exit_trap:498                  exit 1");
        assertThat(s.failedStep()).isEqualTo(new Step("lib/keystone", "create_keystone_accounts", 369));
        assertThat(s.worlddump()).isEqualTo("/opt/stack/logs/worlddump-2016-04-29-090510.txt");
    }

    @Test
    void plainExitTrapWithANonZeroStatusIsTheFailureBeforeErrorOnExitExisted() throws IOException {
        // stack.sh of March 2014: exit_trap, no "Error on exit" yet
        StackLogSummary s = read(
                "2014-03-20 14:12:31.913 | + touch '/$Q_PLUGIN_CONF_FILE'",
                "2014-03-20 14:12:31.915 | touch: cannot touch '/$Q_PLUGIN_CONF_FILE': Permission denied",
                "2014-03-20 14:12:31.915 | + exit_trap",
                "2014-03-20 14:12:31.915 | + local r=1",
                "2014-03-20 14:12:31.916 | ++ jobs -p",
                "2014-03-20 14:12:31.917 | + exit 1");
        assertThat(s.failed()).isTrue();
        assertThat(s.errorOnExitLine()).isEqualTo(3);
        // stack.sh of 2012-09 to 2014-02: the EXIT trap was "clean"
        StackLogSummary clean = read("+ screen -S stack -X stuff 'cd /opt/stack/nova && nova-api'", "+ clean",
                "+ local r=2", "++ jobs -p", "+ kill", "+ exit 2");
        assertThat(clean.failed()).isTrue();
        assertThat(clean.errorOnExitLine()).isEqualTo(2);
    }

    @Test
    void plainExitTrapWithStatusZeroIsACleanExit() throws IOException {
        StackLogSummary s = read("+ echo_summary 'stack.sh completed in 912 seconds.'", "+ exit_trap",
                "+ local r=0", "++ jobs -p", "+ jobs=", "+ exit 0");
        assertThat(s.failed()).isFalse();
        assertThat(s.errorOnExitLine()).isEqualTo(-1);
        // a command that merely starts with the trap's name is not the trap
        assertThat(read("+ clean_iptables", "+ local r=1").failed()).isFalse();
        assertThat(StackLogReader.isLegacyExitTrap("++ exit_trap")).isTrue();
        assertThat(StackLogReader.isLegacyExitTrap("+ exit_trapped")).isFalse();
    }

    @Test
    void readsOldTimingTableAndSummaryFacts() throws IOException {
        StackLogSummary s = read("=========================", "DevStack Component Timing", "=========================",
                "Total runtime         2574", "", "run_process            57", "pip_install           859",
                "=========================", "This is your host IP address: 10.10.105.71",
                "Horizon is now available at http://10.10.105.71/dashboard",
                "Keystone is serving at http://10.10.105.71:5000/", "The password: devstack",
                "2016-05-03 08:01:03.667 | stack.sh completed in 2574 seconds.");
        assertThat(s.timing()).containsEntry("Total runtime", 2574L).containsEntry("pip_install", 859L);
        assertThat(s.facts()).containsEntry("host_ip", "10.10.105.71")
                .containsEntry("horizon_url", "http://10.10.105.71/dashboard")
                .containsEntry("keystone_url", "http://10.10.105.71:5000/")
                .containsEntry("runtime_seconds", "2574")
                .doesNotContainValue("devstack"); // the password is never kept
        assertThat(s.succeeded()).isTrue();
        assertThat(s.era()).isEqualTo(Era.LEGACY_2016);
    }

    @Test
    void readsCurrentTimingTableWithUnaccountedRow() throws IOException {
        StackLogSummary s = read("=========================", "DevStack Component Timing", " (times are in seconds)  ",
                "=========================", "osc                  198", "-------------------------",
                "Unaccounted time     412", "=========================", "Total runtime        1724", "",
                "Keystone is serving at http://10.0.0.15/identity/");
        assertThat(s.timing()).containsEntry("osc", 198L).containsEntry("Unaccounted time", 412L)
                .containsEntry("Total runtime", 1724L);
        assertThat(s.era()).isEqualTo(Era.CURRENT);
        assertThat(s.completed()).isTrue();
    }

    @Test
    void readsExerciseAndTempestSummaries() throws IOException {
        StackLogSummary s = read("=====================================================================",
                "SKIP swift", "PASS volumes", "FAILED floating_ips",
                "=====================================================================",
                "Totals", "======", "Ran: 1234 tests in 567.8 sec.", " - Passed: 1200", " - Skipped: 30",
                " - Expected Fail: 0", " - Failed: 4");
        assertThat(s.exercises()).containsEntry("swift", "SKIP").containsEntry("volumes", "PASS")
                .containsEntry("floating_ips", "FAILED");
        assertThat(s.tempest()).containsEntry("ran", 1234L).containsEntry("passed", 1200L)
                .containsEntry("failed", 4L).containsEntry("skipped", 30L);
    }

    @Test
    void errTrapLineAndFinishedStatusMarkFailure() throws IOException {
        StackLogSummary s = read("+ ./stack.sh:main:801                     :   /opt/stack/devstack/tools/install_pip.sh",
                "stack.sh failed: full log in /opt/stack/logs/stack.sh.log.2024-03-12-100113", "*** FINISHED rc=1 ***");
        assertThat(s.stackFailedLine()).isEqualTo(2);
        assertThat(s.fullLog()).isEqualTo("/opt/stack/logs/stack.sh.log.2024-03-12-100113");
        assertThat(s.exitStatus()).isEqualTo(1);
        assertThat(s.failed()).isTrue();
        assertThat(s.failedStep()).isEqualTo(new Step("./stack.sh", "main", 801));
    }

    @Test
    void emptyLogIsNeitherFailedNorSucceeded() throws IOException {
        StackLogSummary s = StackLogReader.read(new StringReader(""));
        assertThat(s.failed()).isFalse();
        assertThat(s.succeeded()).isFalse();
        assertThat(s.failedStep()).isNull();
    }

    @Test
    void theErrTrapOfStackShBefore2015MarksTheFailure() throws IOException {
        StackLogSummary s = read(
                "2014-08-12 16:46:52 + init_neutron",
                "2014-08-12 16:46:52 ImportError: No module named contrail_plugin_core",
                "2014-08-12 16:46:52 ++ failed",
                "2014-08-12 16:46:52 ++ local r=1",
                "2014-08-12 16:46:52 ++ kill_spinner");
        assertThat(s.failed()).isTrue();
        assertThat(s.errorOnExitLine()).isEqualTo(3);
        assertThat(StackLogReader.isLegacyErrTrap("+ failed_step")).isFalse();
        assertThat(StackLogReader.isLegacyErrTrap("+++ failed")).isTrue();
    }
}
