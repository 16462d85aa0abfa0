package io.provisioner.service.db;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The run history's read paths in a real embedded H2 (PostgreSQL mode): paging, filters, counts, V2's host rows. */
class RunRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void followingTheNextCursorVisitsEveryRunOnceNewestFirstAsOffsetPagesDo() {
        try (Database db = Database.open(Database.defaultUrl(dir), 4)) {
            RunRepository runs = new RunRepository(db);
            // 25 runs, pairs of them submitted in the same microsecond: the cursor's id breaks the tie
            runs.insertAll(history(25, 2));
            List<String> byOffset = new ArrayList<>();
            List<String> byCursor = new ArrayList<>();
            RunCursor after = null;
            for (int page = 1; page <= 4; page++) {
                RunPage offset = runs.list(new RunFilter(null, null, null, page, 7));
                offset.results().forEach(r -> byOffset.add(r.id()));
                RunPage keyset = runs.list(new RunFilter(null, null, null, page, 7, after));
                keyset.results().forEach(r -> byCursor.add(r.id()));
                assertThat(keyset.count()).isEqualTo(25);
                assertThat(keyset.more()).isEqualTo(page < 4);
                after = keyset.results().isEmpty() ? null : RunCursor.after(keyset.results().get(keyset.results().size() - 1));
            }
            assertThat(byCursor).hasSize(25).doesNotHaveDuplicates().isEqualTo(byOffset);
            List<String> newestFirst = new ArrayList<>(byCursor);
            newestFirst.sort(java.util.Comparator.reverseOrder());
            assertThat(byCursor).isEqualTo(newestFirst);
        }
    }

    @Test
    void theHostFilterMatchesTheExactNameTogetherWithStateAndOutcome() {
        try (Database db = Database.open(Database.defaultUrl(dir), 4)) {
            RunRepository runs = new RunRepository(db);
            Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
            runs.insertAll(List.of(
                    run("r1", t, ",h1,", "healthy"),
                    run("r2", t.plusSeconds(1), ",h10,", "healthy"),
                    run("r3", t.plusSeconds(2), ",ctl,h1,", "failed"),
                    run("r4", t.plusSeconds(3), ",,", "healthy"),
                    run("r5", t.plusSeconds(4), ",h_1,", "healthy")));
            RunPage h1 = runs.list(new RunFilter(RunState.FINISHED, "h1", null, 1, 10));
            assertThat(h1.results()).extracting(RunRow::id).containsExactly("r3", "r1");
            assertThat(h1.count()).isEqualTo(2);
            assertThat(runs.list(new RunFilter(null, "h1", "failed", 1, 10)).results()).extracting(RunRow::id)
                    .containsExactly("r3");
            assertThat(runs.list(new RunFilter(null, "ctl", null, 1, 10)).count()).isEqualTo(1);
            assertThat(runs.list(new RunFilter(RunState.QUEUED, "h1", null, 1, 10)).count()).isZero();
            RunPage firstOfH1 = runs.list(new RunFilter(null, "h1", null, 1, 1));
            assertThat(firstOfH1.more()).isTrue();
            assertThat(runs.list(new RunFilter(null, "h1", null, 2, 1, RunCursor.after(firstOfH1.results().get(0))))
                    .results()).extracting(RunRow::id).containsExactly("r1");
        }
    }

    @Test
    void runsRecordedBeforeTheReadPathsMigrationAreFoundByHost() throws Exception {
        String url = DatabaseKind.H2.effectiveUrl(Database.defaultUrl(dir));
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.executeUpdate("insert into runs (id, state, submitted_by, submitted_at, request_json, host_names) values "
                    + "('old1', 'finished', 'a', timestamp with time zone '2026-01-01 00:00:00+00', '{}', ',ctl,cmp1,'), "
                    + "('old2', 'finished', 'a', timestamp with time zone '2026-01-02 00:00:00+00', '{}', ',cmp1,'), "
                    + "('old3', 'queued', 'a', timestamp with time zone '2026-01-03 00:00:00+00', '{}', ',,')");
        }
        try (Database db = Database.open(Database.defaultUrl(dir), 4)) {
            RunRepository runs = new RunRepository(db);
            assertThat(runs.list(new RunFilter(null, "cmp1", null, 1, 10)).results()).extracting(RunRow::id)
                    .containsExactly("old2", "old1");
            assertThat(runs.list(new RunFilter(null, "ctl", null, 1, 10)).results()).extracting(RunRow::id)
                    .containsExactly("old1");
            assertThat(runs.list(new RunFilter(null, null, null, 1, 10)).count()).isEqualTo(3);
        }
    }

    @Test
    void anyInstancesSubmitShowsInTheNextCountAtOnce() {
        try (Database db = Database.open(Database.defaultUrl(dir), 4)) {
            RunRepository here = new RunRepository(db);
            RunRepository elsewhere = new RunRepository(db);
            Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
            here.insert(run("a", t, ",h1,", null));
            assertThat(here.list(new RunFilter(null, null, null, 1, 10)).count()).isEqualTo(1);
            here.insert(run("b", t.plusSeconds(1), ",h1,", null));
            assertThat(here.list(new RunFilter(null, "h1", null, 1, 10)).count()).isEqualTo(2);
            assertThat(here.list(new RunFilter(null, null, null, 1, 10)).count()).isEqualTo(2);
            elsewhere.insert(run("c", t.plusSeconds(2), ",h1,", null));
            RunPage page = here.list(new RunFilter(null, null, null, 1, 10));
            assertThat(page.results()).extracting(RunRow::id).containsExactly("c", "b", "a");
            assertThat(page.count()).isEqualTo(3);
            assertThat(here.list(new RunFilter(null, "h1", null, 1, 10)).count()).isEqualTo(3);
            elsewhere.cancelQueued("c");
            assertThat(here.list(new RunFilter(RunState.QUEUED, null, null, 1, 10)).count()).isEqualTo(2);
        }
    }

    @Test
    void everyChangeOfARunRaisesTheVersionAndNothingElseDoes() {
        try (Database db = Database.open(Database.defaultUrl(dir), 4)) {
            RunRepository runs = new RunRepository(db);
            Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
            long v0 = runs.version();
            runs.insert(run("a", t, ",h1,", null));
            runs.insert(run("b", t.plusSeconds(1), ",h1,", null));
            long v1 = runs.version();
            assertThat(v1).isEqualTo(v0 + 2);
            runs.setMessage("a", "waiting: h1");
            long v2 = runs.version();
            assertThat(v2).isGreaterThan(v1);
            runs.setMessage("a", "waiting: h1");
            assertThat(runs.version()).as("the same message again, as a waiting run writes it every retry").isEqualTo(v2);
            assertThat(runs.claim("a", "i1", java.time.Duration.ofMinutes(1))).isTrue();
            long v3 = runs.version();
            assertThat(v3).isGreaterThan(v2);
            runs.beat("a", "i1");
            assertThat(runs.version()).as("a heartbeat shows in no answer").isEqualTo(v3);
            assertThat(runs.claim("a", "i2", java.time.Duration.ofMinutes(1))).as("alive on i1").isFalse();
            assertThat(runs.version()).as("a claim that changed nothing").isEqualTo(v3);
            assertThat(runs.requestCancel("a")).isTrue();
            long v4 = runs.version();
            assertThat(v4).isGreaterThan(v3);
            runs.finish("a", RunState.CANCELLED, "cancelled", "cancelled", null, null);
            long v5 = runs.version();
            assertThat(v5).isGreaterThan(v4);
            assertThat(runs.cancelQueued("b")).isTrue();
            long v6 = runs.version();
            assertThat(v6).isGreaterThan(v5);
            assertThat(runs.cancelQueued("b")).isFalse();
            runs.setMessage("b", "ended runs keep their message");
            assertThat(runs.version()).isEqualTo(v6);
            RunPage page = runs.list(new RunFilter(null, null, null, 1, 10));
            assertThat(page.version()).isEqualTo(v6);
            assertThat(page.results()).extracting(RunRow::state).containsExactly(RunState.CANCELLED, RunState.CANCELLED);
        }
    }

    private static List<RunRow> history(int count, int perInstant) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<RunRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(run(String.format(Locale.ROOT, "20260101T000000-%08x", i), t.plusMillis(i / perInstant), ",h" + (i % 3) + ",",
                    "healthy"));
        }
        return rows;
    }

    private static RunRow run(String id, Instant submitted, String hostNames, String outcome) {
        RunState state = outcome == null ? RunState.QUEUED : RunState.FINISHED;
        return new RunRow(id, state, outcome, "test", submitted, null, null, null, null, "{}", hostNames, null, null, null,
                false, 0);
    }
}
