package io.provisioner.deploy;

import io.provisioner.spec.FixupName;
import io.provisioner.spec.SecretMasker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void recordsSurviveReopeningAndSecretsAreMasked() {
        SecretMasker masker = new SecretMasker(List.of("hunter2pw"));
        try (Journal j = Journal.open(dir, masker)) {
            j.append("r1", "lab1", "stack", StepState.STARTED, "password hunter2pw in a message",
                    Map.of("attempt", "1", "note", "hunter2pw"));
            j.append("r1", "lab1", "stack", StepState.DONE, "exit 0", Map.of("attempt", "1", "offset", "4096"));
        }
        List<JournalRecord> records = Journal.read(dir);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).detail()).isEqualTo("password **** in a message");
        assertThat(records.get(0).data()).containsEntry("note", "****");
        assertThat(records.get(1).state()).isEqualTo(StepState.DONE);
        assertThat(records.get(1).data()).containsEntry("offset", "4096");
    }

    @Test
    void theJournalIsARunStoreWhoseRecordsAreItsFile() {
        try (Journal journal = Journal.open(dir, SecretMasker.none())) {
            RunStore store = journal;
            store.append(new JournalRecord(java.time.Instant.now(), "r1", "lab1", "connect", StepState.DONE,
                    "connected", Map.of("attempt", "1")));
            assertThat(store.records()).extracting(JournalRecord::step).containsExactly("connect");
            assertThat(store.records()).isEqualTo(Journal.read(dir));
        }
    }

    @Test
    void theCoreMasksBeforeTheStoreSeesARecord() {
        List<JournalRecord> stored = new java.util.ArrayList<>();
        RunStore memory = new RunStore() {
            @Override
            public void append(JournalRecord record) {
                stored.add(record);
            }

            @Override
            public List<JournalRecord> records() {
                return List.copyOf(stored);
            }

            @Override
            public void close() {
            }
        };
        new RunJournal(memory, "r1", new SecretMasker(List.of("hunter2pw"))).append("lab1", "stack",
                StepState.FAILED, "token hunter2pw leaked", Map.of("note", "hunter2pw"));
        assertThat(stored).singleElement().satisfies(record -> {
            assertThat(record.run()).isEqualTo("r1");
            assertThat(record.detail()).isEqualTo("token **** leaked");
            assertThat(record.data()).containsEntry("note", "****");
        });
    }

    @Test
    void aTornLastLineFromACrashIsIgnored() throws Exception {
        try (Journal j = Journal.open(dir, SecretMasker.none())) {
            j.append("r1", "lab1", "connect", StepState.DONE, "connected", Map.of());
        }
        Files.writeString(dir.resolve(Journal.FILE_NAME), "{\"ts\":\"2026-", StandardOpenOption.APPEND);
        assertThat(Journal.read(dir)).extracting(JournalRecord::step).containsExactly("connect");
    }

    @Test
    void resumeKnowsTheRunningAttemptItsOffsetAndTheFixupsAlreadyDone() {
        try (Journal j = Journal.open(dir, SecretMasker.none())) {
            j.append("old", "lab1", "host", StepState.DONE, "healthy", Map.of());
            j.append("r2", "lab1", "preflight", StepState.DONE, "https works", Map.of("git_base", "https://opendev.org"));
            j.append("r2", "lab1", "stack", StepState.FAILED, "exit 1", Map.of("attempt", "1", "offset", "900"));
            j.append("r2", "lab1", "fixup:mysql-root-password", StepState.DONE, "reset", Map.of("attempt", "1"));
            j.append("r2", "lab1", "fixup:unstack", StepState.STARTED, null, Map.of("attempt", "1"));
            j.append("r2", "lab1", "stack", StepState.STARTED, null, Map.of("attempt", "2", "offset", "0"));
            j.append("r2", "lab1", "stack", StepState.STARTED, null, Map.of("attempt", "2", "offset", "12345"));
            j.append("r2", "lab2", "host", StepState.DONE, "healthy", Map.of());
        }
        List<JournalRecord> all = Journal.read(dir);
        HostResume lab1 = HostResume.from(all, "lab1");
        assertThat(lab1.run()).isEqualTo("r2");
        assertThat(lab1.finishedHealthy()).isFalse();
        assertThat(lab1.attempt()).isEqualTo(2);
        assertThat(lab1.stackStarted()).isTrue();
        assertThat(lab1.stackFinished()).isFalse();
        assertThat(lab1.logOffset()).isEqualTo(12345);
        assertThat(lab1.gitBase()).isEqualTo("https://opendev.org");
        assertThat(lab1.fixupDone(1, FixupName.MYSQL_ROOT_PASSWORD)).isTrue();
        assertThat(lab1.fixupDone(1, FixupName.UNSTACK)).isFalse();
        assertThat(HostResume.from(all, "lab2").finishedHealthy()).isTrue();
        assertThat(HostResume.from(all, "lab3").run()).isNull();
    }
}
