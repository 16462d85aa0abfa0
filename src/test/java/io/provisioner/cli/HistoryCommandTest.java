package io.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.deploy.Journal;
import io.provisioner.deploy.JournalRecord;
import io.provisioner.deploy.StepState;
import io.provisioner.spec.SecretMasker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** history reads the journal a deploy writes: three runs of the two-node spec, one healthy after a retry. */
class HistoryCommandTest {
    @TempDir
    Path state;

    private static InProcessRun run(String... args) {
        return InProcessRun.of(args);
    }

    private void journalThreeRuns() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        try (Journal journal = Journal.open(state, SecretMasker.none())) {
            // run 1: the controller fails twice
            journal.append(new JournalRecord(t, "run-1", "ctl1", "stack", StepState.FAILED, "exit 1", Map.of("attempt", "1")));
            journal.append(new JournalRecord(t.plusSeconds(60), "run-1", "ctl1", "stack", StepState.FAILED, "exit 1",
                    Map.of("attempt", "2")));
            journal.append(new JournalRecord(t.plusSeconds(61), "run-1", "ctl1", "host", StepState.FAILED, "gave up", Map.of()));
            // run 2: healthy after a retry; the compute host on its first
            Instant t2 = t.plusSeconds(3600);
            journal.append(new JournalRecord(t2, "run-2", "ctl1", "stack", StepState.FAILED, "exit 1", Map.of("attempt", "1")));
            journal.append(new JournalRecord(t2.plusSeconds(60), "run-2", "ctl1", "stack", StepState.DONE, "ok", Map.of("attempt", "2")));
            journal.append(new JournalRecord(t2.plusSeconds(61), "run-2", "ctl1", "host", StepState.DONE, "healthy", Map.of()));
            journal.append(new JournalRecord(t2.plusSeconds(70), "run-2", "cpu1", "stack", StepState.DONE, "ok", Map.of("attempt", "1")));
            journal.append(new JournalRecord(t2.plusSeconds(71), "run-2", "cpu1", "host", StepState.DONE, "healthy", Map.of()));
            // run 3: Ctrl-C while stack.sh ran
            Instant t3 = t.plusSeconds(7200);
            journal.append(new JournalRecord(t3, "run-3", "ctl1", "stack", StepState.STARTED, null, Map.of("attempt", "1")));
            journal.append(new JournalRecord(t3.plusSeconds(5), "run-3", "ctl1", InterruptNotice.STEP, StepState.FAILED,
                    "provisioner stopped by a signal", Map.of()));
        }
    }

    @Test
    void textListsEachRunWithWhenOutcomeAttemptsAndHosts() {
        journalThreeRuns();
        InProcessRun r = run("history", "-f", "config/two-node-lab.yaml", "--state-dir", state.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "WHEN (UTC)           RUN                     OUTCOME      ATTEMPTS  HOSTS",
                "2026-12-01 10:00:00  run-1                   failed       2         ctl1 failed (2 attempts)",
                "2026-12-01 11:00:00  run-2                   healthy      3         ctl1 healthy (2 attempts), cpu1 healthy",
                "2026-12-01 12:00:00  run-3                   interrupted  1         ctl1 interrupted",
                "3 runs of config/two-node-lab.yaml");
    }

    @Test
    void jsonHasOneObjectPerRun() throws Exception {
        journalThreeRuns();
        InProcessRun r = run("history", "-f", "config/two-node-lab.yaml", "--state-dir", state.toString(), "--format", "json",
                "--last", "2");
        assertThat(r.code()).isZero();
        JsonNode runs = new ObjectMapper().readTree(r.out());
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("run").asText()).isEqualTo("run-2");
        assertThat(runs.get(0).get("outcome").asText()).isEqualTo("healthy");
        assertThat(runs.get(0).get("started").asText()).isEqualTo("2026-12-01T11:00:00Z");
        assertThat(runs.get(0).get("spec").asText()).isEqualTo("config/two-node-lab.yaml");
        assertThat(runs.get(0).at("/hosts/0/attempts").asInt()).isEqualTo(2);
        assertThat(runs.get(1).get("outcome").asText()).isEqualTo("interrupted");
    }

    @Test
    void anEmptyJournalSaysSo() {
        InProcessRun r = run("history", "-f", "config/two-node-lab.yaml", "--state-dir", state.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("no runs of config/two-node-lab.yaml in the journal yet" + System.lineSeparator());
    }
}
