package io.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.deploy.Journal;
import io.provisioner.deploy.JournalRecord;
import io.provisioner.deploy.SpecIdentity;
import io.provisioner.deploy.StepState;
import io.provisioner.spec.SecretMasker;
import io.provisioner.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** history reads the journal a deploy writes: three runs of the two-node spec, one healthy after a retry. */
class HistoryCommandTest {
    @TempDir
    Path state;

    private static InProcessRun run(String... args) {
        return InProcessRun.of(args);
    }

    /** The record a deploy of {@code spec} opens each run with (its identity: path and masked hosts). */
    private static JournalRecord opening(String run, Instant at, SpecIdentity spec) {
        return new JournalRecord(at, run, "", "run", StepState.STARTED, "spec " + spec.path(),
                Map.of("spec", spec.path(), "hosts_sha256", spec.hostsSha256()));
    }

    private static SpecIdentity twoNodeLab() {
        return SpecIdentity.of(SpecFileOption.withSshConfig(
                SpecLoader.loadWithoutSecrets(Path.of("config/two-node-lab.yaml"), System.getenv())));
    }

    private void journalThreeRuns() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        SpecIdentity lab = twoNodeLab();
        try (Journal journal = Journal.open(state, SecretMasker.none())) {
            journal.append(opening("run-1", t, lab));
            journal.append(opening("run-2", t.plusSeconds(3600), lab));
            journal.append(opening("run-3", t.plusSeconds(7200), lab));
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

    /**
     * The on-call engineer reading the history has the spec but not the deploy's secrets: its passwords are
     * file: references whose files are gone. The runs are still this spec's (their identity masks secrets), and
     * another spec's run in the same state directory stays out.
     */
    @Test
    void runsOfTheSpecAreListedWithoutItsSecrets(@TempDir Path lab) throws Exception {
        Path spec = lab.resolve("lab.yaml");
        Files.writeString(spec, "version: 1\ndefaults:\n  passwords: {admin: file:admin.pw, database: file:db.pw, "
                + "rabbit: file:rabbit.pw, service: env:SERVICE_PW_NOT_SET_HERE}\n"
                + "hosts:\n  - {name: ctl, address: 192.168.50.10, role: controller}\n"
                + "  - {name: cmp1, address: 192.168.50.11, role: compute}\n");
        for (String name : List.of("admin.pw", "db.pw", "rabbit.pw")) {
            Files.writeString(lab.resolve(name), "Secret1\n");
        }
        String service = "Service1";
        // the deploy's identity: the spec as deploy loads it, every secret looked up
        SpecIdentity deployed = SpecIdentity.of(SpecFileOption.withSshConfig(
                SpecLoader.load(spec, Map.of("SERVICE_PW_NOT_SET_HERE", service))));
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        try (Journal journal = Journal.open(state, SecretMasker.none())) {
            // the default state directory is the spec's: another spec beside it writes to the same journal
            journal.append(opening("other-run", t, new SpecIdentity(lab.resolve("other.yaml").toString(), "0".repeat(64))));
            journal.append(new JournalRecord(t.plusSeconds(1), "other-run", "x", "host", StepState.DONE, "healthy", Map.of()));
            journal.append(opening("our-run", t.plusSeconds(60), deployed));
            journal.append(new JournalRecord(t.plusSeconds(70), "our-run", "ctl", "host", StepState.DONE, "healthy", Map.of()));
            journal.append(new JournalRecord(t.plusSeconds(80), "our-run", "cmp1", "host", StepState.DONE, "healthy", Map.of()));
        }
        for (String name : List.of("admin.pw", "db.pw", "rabbit.pw")) {
            Files.delete(lab.resolve(name));
        }

        InProcessRun history = run("history", "-f", spec.toString(), "--state-dir", state.toString());
        InProcessRun status = run("status", "-f", spec.toString(), "--state-dir", state.toString(), "--no-probe");

        assertThat(history.code()).as(history.err()).isZero();
        assertThat(history.out()).contains("2026-12-01 10:01:00  our-run").contains("ctl healthy, cmp1 healthy")
                .doesNotContain("other-run").contains("1 run of " + spec);
        assertThat(status.err()).doesNotContain("secret");
        assertThat(status.out()).contains("ctl").contains("cmp1").doesNotContain("never deployed");
        // a deploy still needs them, and says which
        InProcessRun deploy = run("deploy", "-f", spec.toString(), "--state-dir", state.toString());
        assertThat(deploy.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(deploy.err()).contains("secret file " + lab.resolve("admin.pw") + " does not exist");
    }

    @Test
    void anEmptyJournalSaysSo() {
        InProcessRun r = run("history", "-f", "config/two-node-lab.yaml", "--state-dir", state.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("no runs of config/two-node-lab.yaml in the journal in " + state + " yet (deploy"
                + " --sandbox keeps its journal in the sandbox, unless given --state-dir)" + System.lineSeparator());
    }
}
