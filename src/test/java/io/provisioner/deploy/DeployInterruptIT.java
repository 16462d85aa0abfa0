package io.provisioner.deploy;

import io.provisioner.sandbox.SandboxHost;
import io.provisioner.sandbox.SandboxLab;
import io.provisioner.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged provisioner gets a real SIGTERM or SIGINT while stack.sh runs: it says where stack.sh still runs
 * and how to re-attach, journals the stop, and exits 128 + the signal. The sandbox hosts of the first test live
 * in this JVM, so stack.sh really keeps going after the provisioner is gone.
 */
class DeployInterruptIT {
    @TempDir
    Path dir;

    @Test
    void sigtermWhileStackShRunsNamesTheHostAndTheResumeAndJournalsTheStop() throws Exception {
        try (SandboxLab lab = FaultLab.slowLab(new SandboxOptions(1, "current", Set.of("none"), null, false))) {
            SandboxHost host = lab.hosts().get(0);
            Path spec = FaultLab.specFor(lab, dir.resolve("hosts.yaml"), 0);
            Path state = dir.resolve("state");
            Path log = dir.resolve("deploy.log");
            Process deploy = FaultLab.start(log, "deploy", "-f", spec.toString(), "--state-dir", state.toString(),
                    "--skip-check", "ovs");
            try {
                await("stack.sh started and is followed").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(200)).failFast(() -> !deploy.isAlive())
                        .until(() -> FaultLab.followingStack(state));
                deploy.destroy(); // SIGTERM
                assertThat(deploy.waitFor(60, TimeUnit.SECONDS)).as("ended after SIGTERM").isTrue();
            } finally {
                deploy.destroyForcibly().waitFor();
            }
            String out = FaultLab.read(log);
            assertThat(deploy.exitValue()).as(out).isEqualTo(143);
            assertThat(out).contains("interrupted: stack.sh is still running on " + host.name()
                    + " (detached, it keeps going); 'provisioner deploy -f " + spec + " --resume' re-attaches to it");
            assertThat(out).doesNotContain("\tat ");
            assertThat(Path.of(host.paths().stateDir(), "stack-1.exit")).as("stack.sh still running").doesNotExist();
            List<JournalRecord> journal = Journal.read(state);
            JournalRecord last = journal.get(journal.size() - 1);
            assertThat(last.host()).isEqualTo(host.name());
            assertThat(last.step()).isEqualTo("interrupted");
            assertThat(last.run()).isEqualTo(journal.get(0).run());
            assertThat(last.detail()).contains("stack.sh still running on the host");
        }
    }

    @Test
    void ctrlCInASandboxDeployStopsTheSandboxAndRemovesItsDirectory() throws Exception {
        Path state = dir.resolve("state");
        Path log = dir.resolve("sandbox.log");
        // stack.sh at the slow time scale, so the signal surely comes while it runs. SIGINT at its default, as a
        // terminal's foreground job has it: a test run started in the background of a script (`.ci/run &`) inherits
        // SIGINT ignored, and a JVM that starts with it ignored never installs its handler, so Ctrl-C would be
        // something this test cannot send (env --default-signal, coreutils 8.31+)
        ProcessBuilder slowSandbox = new ProcessBuilder("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", FaultLab.jar().toString(), "deploy", "--sandbox", "--faults", "none", "--state-dir", state.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        slowSandbox.environment().put("SIM_TIME_SCALE", FaultLab.SLOW_TIME_SCALE);
        Process deploy = slowSandbox.start();
        Path root;
        try {
            await("the sandbox deploy reached stack.sh").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200)).failFast(() -> !deploy.isAlive())
                    .until(() -> FaultLab.read(log).contains("stack: started"));
            Matcher where = Pattern.compile("sandbox: .* in (\\S+) \\(removed afterwards").matcher(FaultLab.read(log));
            assertThat(where.find()).as(FaultLab.read(log)).isTrue();
            root = Path.of(where.group(1));
            assertThat(root).isDirectory();
            new ProcessBuilder("kill", "-INT", String.valueOf(deploy.pid())).start().waitFor();
            assertThat(deploy.waitFor(60, TimeUnit.SECONDS)).as("ended after SIGINT").isTrue();
        } finally {
            deploy.destroyForcibly().waitFor();
        }
        String out = FaultLab.read(log);
        assertThat(deploy.exitValue()).as(out).isEqualTo(130);
        assertThat(out).contains("interrupted: the sandbox and its hosts are stopped").doesNotContain("\tat ");
        assertThat(root).doesNotExist();
        assertThat(Journal.read(state)).anySatisfy(r -> assertThat(r.step()).isEqualTo("interrupted"));
        assertThat(Files.exists(state)).isTrue();
    }
}
