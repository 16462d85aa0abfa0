package io.provisioner.service.db;

import io.provisioner.deploy.JournalRecord;
import io.provisioner.deploy.StepState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal in a real (embedded H2, PostgreSQL mode) database, as resume on another instance reads it. */
class DbRunStoreTest {
    @TempDir
    Path dir;

    @Test
    void recordsComeBackAsWrittenWithTheDeploysOwnRunIdInOrder() {
        try (Database db = Database.open(Database.defaultUrl(dir), 4)) {
            Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<JournalRecord> written = List.of(
                    new JournalRecord(t, "20261207T010000-abc123", "ctl", "connect", StepState.DONE, "connected", Map.of()),
                    new JournalRecord(t.plusMillis(5), "20261207T010000-abc123", "ctl", "stack", StepState.STARTED, null,
                            Map.of("attempt", "1", "offset", "4096")));
            try (DbRunStore store = new DbRunStore(db, "service-run-1")) {
                written.forEach(store::append);
            }
            new DbRunStore(db, "service-run-2").append(new JournalRecord(t, "other", "cmp", "connect", StepState.FAILED,
                    "refused", Map.of()));
            assertThat(new DbRunStore(db, "service-run-1").records()).isEqualTo(written);
        }
    }
}
