package io.provisioner.deploy;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.LocalShell;
import io.provisioner.remote.OutputListener;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;
import io.provisioner.spec.Host;
import io.provisioner.spec.SecretMasker;
import io.provisioner.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link drops after the detached launcher has started stack.sh but before its answer arrives. The
 * deploy cannot know whether stack.sh runs; asking the (idempotent) launcher again on a new connection
 * must find the run and follow it: one stack.sh, its whole log, its exit status. Real bash on this
 * machine; only the lost answer is staged.
 */
class StackStartDropTest {
    @TempDir
    Path dir;

    @Test
    void aDropWhileTheLauncherAnswersFollowsTheRunItStartedInsteadOfStartingAnother() throws Exception {
        Spec spec = TestSpecs.localHost(dir, "");
        Host host = spec.executionOrder().get(0);
        Path devstack = Files.createDirectories(dir.resolve("devstack"));
        Path stack = devstack.resolve("stack.sh");
        Files.writeString(stack, """
                #!/bin/bash
                echo started >> "$(dirname "$0")/runs"
                for i in 1 2 3 4 5; do echo "+./stack.sh:main:$i step $i"; sleep 0.1; done
                echo "stack.sh completed in 1 seconds."
                """);
        Files.setPosixFilePermissions(stack, PosixFilePermissions.fromString("rwxr-xr-x"));

        AtomicInteger opened = new AtomicInteger();
        HostConnector connector = h -> new LosesFirstLauncherAnswer(opened.incrementAndGet() == 1);
        Path state = dir.resolve("local-state");
        StackOutcome outcome;
        try (TargetSession session = new TargetSession(host, connector, host.timeouts().command());
             Journal journal = Journal.open(state, SecretMasker.none())) {
            DeployRequest request = new DeployRequest(spec, java.util.Set.of(), 1, false, state, null,
                    PreflightOptions.defaults(), journal);
            HostRunContext context = new HostRunContext(request, host, session,
                    new RunJournal(journal, "run-1", SecretMasker.none()), EventSink.NONE, HostResume.fresh(),
                    new TargetLease(host.paths().stateDir(), "run-1", "test"));
            outcome = new StackExecution(context, 1).run(false);
        }

        assertThat(opened).as("connections: the first lost the answer, the second followed").hasValue(2);
        assertThat(outcome.exitCode()).isZero();
        assertThat(Files.readAllLines(devstack.resolve("runs"))).containsExactly("started");
        assertThat(Files.readAllLines(outcome.localLog())).hasSize(6).last().asString()
                .isEqualTo("stack.sh completed in 1 seconds.");
    }

    /** This machine's shell; the first connection runs the launcher and then reports the link gone. */
    private static final class LosesFirstLauncherAnswer extends ForwardingShell {
        private final boolean losesAnswer;

        LosesFirstLauncherAnswer(boolean losesAnswer) {
            super(new LocalShell("lab1"));
            this.losesAnswer = losesAnswer;
        }

        @Override
        public CommandResult run(RemoteCommand command, OutputListener listener) throws RemoteException {
            CommandResult r = shell.run(command, listener);
            if (losesAnswer && command.argv().stream().anyMatch(w -> w.contains("setsid -f"))) {
                throw new RemoteException(RemoteFailure.DISCONNECTED, "lab1",
                        "lab1: connection dropped while 'bash' was running; its exit status is unknown");
            }
            return r;
        }
    }
}
