package io.provisioner.cli;

import io.provisioner.deploy.DeployEvent;
import io.provisioner.deploy.Journal;
import io.provisioner.deploy.JournalRecord;
import io.provisioner.deploy.StepState;
import io.provisioner.spec.SecretMasker;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the shutdown hook says and journals, called directly (DeployInterruptIT sends the real signals). */
class InterruptNoticeTest {
    @TempDir
    Path state;

    private final StringWriter err = new StringWriter();

    private InterruptNotice notice(Spec spec) {
        return new InterruptNotice(spec, state, new PrintWriter(err, true), List.of());
    }

    private void journal(String run, String host, String step, StepState st) {
        try (Journal journal = Journal.open(state, SecretMasker.none())) {
            journal.append(new JournalRecord(Instant.now(), run, host, step, st, null, Map.of("attempt", "1")));
        }
    }

    @Test
    void aStopBeforeThisRunWroteAnythingLeavesTheEarlierRunAlone() {
        Spec spec = SpecLoader.load(Path.of("config/two-node-lab.yaml"));
        journal("run-0", "ctl1", "host", StepState.DONE);
        InterruptNotice notice = notice(spec);
        try (InterruptNotice.Armed armed = notice.arm()) {
            notice.accept(new DeployEvent.StepStarted("ctl1", "preflight", 1));
            notice.interrupted();
        }
        assertThat(err.toString()).contains("interrupted: no stack.sh was running; 'provisioner deploy -f "
                + "config/two-node-lab.yaml --resume' continues where this run stopped");
        assertThat(Journal.read(state)).extracting(JournalRecord::step).containsExactly("host");
    }

    @Test
    void aStopWhileStackShRunsNamesTheHostAndJournalsIntoThisRun() {
        Spec spec = SpecLoader.load(Path.of("config/two-node-lab.yaml"));
        journal("run-0", "ctl1", "host", StepState.DONE);
        InterruptNotice notice = notice(spec);
        try (InterruptNotice.Armed armed = notice.arm()) {
            journal("run-1", "ctl1", "stack", StepState.STARTED);
            notice.accept(new DeployEvent.StepStarted("ctl1", "stack", 1));
            notice.accept(new DeployEvent.StepStarted("cpu1", "connect", 1));
            notice.interrupted();
        }
        assertThat(err.toString()).contains("interrupted: stack.sh is still running on ctl1 (detached, it keeps going)");
        JournalRecord last = Journal.read(state).get(2);
        assertThat(last.run()).isEqualTo("run-1");
        assertThat(last.host()).isEqualTo("ctl1");
        assertThat(last.step()).isEqualTo(InterruptNotice.STEP);
        assertThat(Journal.read(state)).hasSize(3);
    }
}
