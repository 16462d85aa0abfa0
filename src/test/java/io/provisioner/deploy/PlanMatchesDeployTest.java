package io.provisioner.deploy;

import io.provisioner.fixup.FixupCatalog;
import io.provisioner.plan.HostPlan;
import io.provisioner.plan.PlanStep;
import io.provisioner.plan.PlannedFile;
import io.provisioner.plan.Planner;
import io.provisioner.plan.StackRunLayout;
import io.provisioner.remote.CommandResult;
import io.provisioner.remote.DetachedRun;
import io.provisioner.remote.OutputListener;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteShell;
import io.provisioner.render.HostRenderer;
import io.provisioner.render.RenderedHost;
import io.provisioner.spec.FixupName;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan} against what the deploy really sends for a first attempt: the deploy's own preparation and
 * detached start run against a shell that records every command, upload and read, and each recorded
 * thing must be what the plan printed. A drift on either side (a path, a mode, the checkout script, the
 * log / exit / lock names) fails here.
 */
class PlanMatchesDeployTest {
    private static final Spec SPEC = SpecLoader.load(Path.of("config/two-node-lab.yaml"), Map.of("HOME", "/home/tester"));

    @Test
    void firstAttemptCommandsUploadsAndStackFilesAreThoseThePlanPrints() throws Exception {
        for (Host host : SPEC.executionOrder()) {
            HostPlan plan = Planner.plan(SPEC, HostRenderer.withDefaultTemplates()).hosts().stream()
                    .filter(p -> p.host().equals(host.name())).findFirst().orElseThrow();
            RecordingShell shell = new RecordingShell();
            RenderedHost files = HostRenderer.withDefaultTemplates().render(SPEC, host, host.gitBase());
            new TargetPreparation(shell, SPEC, host).prepare(files);
            DetachedRun.start(shell, StackExecution.spec(host, 1));

            assertThat(shell.commands).hasSize(2);
            assertThat(shell.commands.get(0).commandLine()).as(host.name() + " checkout")
                    .isEqualTo(step(plan, "prepare").commands().get(0));
            PlannedFile localConf = step(plan, "upload-local-conf").files().get(0);
            PlannedFile overlay = step(plan, "apply-stackrc-overlay").files().get(0);
            assertThat(shell.uploads).containsExactly(
                    localConf.path() + " " + localConf.mode() + " " + localConf.sha256(),
                    overlay.path().replace(" (overlay block)", "") + " " + overlay.mode() + " "
                            + RenderedHost.sha256(shell.stackrcWritten));
            assertThat(shell.stackrcWritten).contains(files.stackrcOverlay());
            assertThat(overlay.sha256()).isEqualTo(RenderedHost.sha256(files.stackrcOverlay()));
            assertThat(shell.reads).containsExactly(overlay.path().replace(" (overlay block)", ""));

            // DetachedRun's launcher arguments: lock, exit, log, dir, id, launcher, user, then the command
            List<String> a = shell.commands.get(1).argv().subList(4, shell.commands.get(1).argv().size());
            StackRunLayout started = new StackRunLayout(a.get(4), a.get(3), a.subList(7, a.size()), a.get(2), a.get(1),
                    a.get(0));
            assertThat(step(plan, "stack").commands()).containsExactly(Planner.stackCommand(started));
            assertThat(started.logFile()).isEqualTo(host.paths().stateDir() + "/stack-1.log");
        }
    }

    @Test
    void theFixupsThePlanAllowsAreTheCatalogsTheSpecAllows() {
        for (HostPlan plan : Planner.plan(SPEC, HostRenderer.withDefaultTemplates()).hosts()) {
            Host host = SPEC.host(plan.host()).orElseThrow();
            assertThat(plan.fixupsAllowed()).containsExactlyInAnyOrderElementsOf(
                    FixupCatalog.names().stream()
                            .filter(name -> host.fixups().allows(FixupName.parse(name).orElseThrow())).toList());
        }
    }

    private static PlanStep step(HostPlan plan, String name) {
        return plan.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** A target with an empty DevStack checkout: records everything, answers as the real scripts do. */
    private static final class RecordingShell implements RemoteShell {
        final List<RemoteCommand> commands = new ArrayList<>();
        final List<String> uploads = new ArrayList<>();
        final List<String> reads = new ArrayList<>();
        String stackrcWritten;

        @Override
        public String host() {
            return "recorded";
        }

        @Override
        public CommandResult run(RemoteCommand command, OutputListener listener) {
            commands.add(command);
            boolean launcher = command.argv().stream().anyMatch(w -> w.contains("setsid -f"));
            return new CommandResult(0, launcher ? "STARTED id=stack-1 pid=4242\n" : "0123456789abcdef\n", "",
                    Duration.ZERO);
        }

        @Override
        public void upload(String remotePath, byte[] content, int mode) {
            String text = new String(content, StandardCharsets.UTF_8);
            if (remotePath.endsWith("/stackrc")) {
                stackrcWritten = text;
            }
            uploads.add(remotePath + " " + String.format("%04o", mode) + " " + RenderedHost.sha256(text));
        }

        @Override
        public byte[] read(String remotePath, long offset, int maxBytes) {
            reads.add(remotePath);
            return "GIT_BASE=${GIT_BASE:-https://opendev.org}\n".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
        }
    }
}
