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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provisioner is SIGKILLed while stack.sh runs; {@code deploy --resume} re-attaches to the running
 * stack.sh instead of starting another. The sandbox lives in this JVM so it outlives the killed process.
 */
class DeployResumeAfterKillIT {
    @TempDir
    Path dir;

    @Test
    void resumeAfterSigkillCompletesWithoutASecondStackSh() throws Exception {
        // baseDir null: the lab's own root is 0755, a @TempDir is 0700, which DevStack refuses for $DEST's parents;
        // slow: stack.sh runs some 30 s, so it is still running when the deploy is killed
        try (SandboxLab lab = FaultLab.slowLab(new SandboxOptions(1, "current", Set.of("none"), null, false))) {
            SandboxHost host = lab.hosts().get(0);
            Path spec = FaultLab.specFor(lab, dir.resolve("hosts.yaml"), 0);
            Path state = dir.resolve("state");
            // ovs: the sandbox's ovs-vsctl stand-in can exceed preflight's 10 s limit on a loaded machine
            String[] common = {"deploy", "-f", spec.toString(), "--state-dir", state.toString(), "--skip-check", "ovs"};
            Process first = FaultLab.start(dir.resolve("first.log"), common);
            Path remoteLog = Path.of(host.paths().stateDir(), "stack-1.log");
            String before;
            try {
                await("stack.sh started and has written output").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(200)).failFast(() -> !first.isAlive())
                        // the deploy is attached to a running stack.sh and has read some of its log
                        .until(() -> FaultLab.followingStack(state));
                first.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no lease release
                first.waitFor();
                before = Files.readString(remoteLog);
            } finally {
                first.destroyForcibly().waitFor();
            }
            assertThat(Path.of(host.paths().stateDir(), "stack-1.exit")).as("killed mid stack.sh").doesNotExist();
            int recordsBefore = Journal.read(state).size();

            int exit = FaultLab.run(dir.resolve("resume.log"), Duration.ofMinutes(4),
                    Stream.concat(Stream.of(common), Stream.of("--resume")).toArray(String[]::new));

            String out = FaultLab.read(dir.resolve("resume.log"));
            assertThat(exit).as(out).isZero();
            try (Stream<Path> files = Files.list(Path.of(host.paths().stateDir()))) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("stack-")).sorted())
                        .containsExactly("stack-1.exit", "stack-1.log");
            }
            String after = Files.readString(remoteLog);
            // the same stack.sh went on appending: a second run would have truncated and rewritten the log
            assertThat(after).startsWith(before);
            assertThat(after.split("stack.sh completed", -1)).hasSize(2);
            List<JournalRecord> resumed = Journal.read(state).subList(recordsBefore, Journal.read(state).size());
            assertThat(resumed).filteredOn(r -> r.step().equals("stack") && r.state() == StepState.STARTED
                    && r.detail() != null).extracting(JournalRecord::detail).containsExactly("re-attached");
            assertThat(resumed).anyMatch(r -> r.step().equals("host") && r.state() == StepState.DONE);
        }
    }
}
