package io.provisioner.deploy;

import io.provisioner.spec.SecretMasker;
import io.provisioner.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two specs deployed from one directory share its state directory; each sees only its own runs. */
class JournalPerSpecTest {
    @TempDir
    Path dir;

    private Spec spec(String name, String host) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(name));
        return TestSpecs.load(sub, """
                version: 1
                defaults:
                  passwords: {admin: secretadmin1, database: secretdb1, rabbit: secretrabbit1, service: secretsvc1}
                hosts:
                  - {name: %s, address: 10.0.0.1, role: controller}
                """.formatted(host));
    }

    private static void healthyRun(Journal journal, Spec spec, String run, String host) {
        journal.append(SpecIdentity.of(spec).opening(run));
        journal.append(new JournalRecord(Instant.now(), run, host, "host", StepState.DONE, "healthy", Map.of()));
    }

    @Test
    void statusOfOneSpecShowsOnlyItsOwnRunsEvenWithTheSameHostNames() throws Exception {
        Spec good = spec("good", "lab1");
        Spec other = spec("other", "lab1");
        Path state = dir.resolve("state");
        try (Journal journal = Journal.open(state, SecretMasker.none())) {
            healthyRun(journal, good, "run-good", "lab1");
            healthyRun(journal, other, "run-other", "lab1");
        }

        List<HostStatusView> views = HostStatusView.fromJournal(Journal.read(state), SpecIdentity.of(good));

        assertThat(views).singleElement().satisfies(view -> assertThat(view.run()).isEqualTo("run-good"));
    }

    @Test
    void resumingWhenTheLastRunWasAnotherSpecsIsRefusedBeforeAnyHostIsTouched() throws Exception {
        Spec good = spec("good", "lab1");
        Spec other = spec("other", "lab9");
        Path state = dir.resolve("state");
        AtomicInteger connections = new AtomicInteger();
        try (Journal journal = Journal.open(state, SecretMasker.none())) {
            healthyRun(journal, other, "run-other", "lab9");
            DeployRequest resume = new DeployRequest(good, Set.of(), 1, true, state, null, PreflightOptions.defaults(),
                    journal);

            assertThatThrownBy(() -> new DeployEngine(host -> {
                connections.incrementAndGet();
                throw new IllegalStateException("no host may be touched");
            }).deploy(resume, EventSink.NONE))
                    .isInstanceOf(ResumeRefusedException.class)
                    .hasMessageContaining("no run of " + SpecIdentity.of(good).path())
                    .hasMessageContaining("run-other of " + SpecIdentity.of(other).path());
        }
        assertThat(connections).hasValue(0);
    }

    @Test
    void changingTheHostsMakesADifferentSpecButAPasswordChangeDoesNot() throws Exception {
        Spec before = spec("same", "lab1");
        Spec renamed = spec("same", "lab2");
        Path sub = dir.resolve("same");
        Spec newPassword = TestSpecs.load(sub, Files.readString(sub.resolve("hosts.yaml")).replace("lab2", "lab1")
                .replace("secretdb1", "secretdb2"));

        assertThat(SpecIdentity.of(renamed)).isNotEqualTo(SpecIdentity.of(before));
        assertThat(SpecIdentity.of(newPassword)).isEqualTo(SpecIdentity.of(before));
    }
}
