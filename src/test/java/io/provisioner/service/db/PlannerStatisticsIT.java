package io.provisioner.service.db;

import io.provisioner.lab.ClassLab;
import io.provisioner.lab.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A history imported in bulk into a real PostgreSQL has planner statistics at once: without them the planner takes
 * the tables for empty until autovacuum comes by, and lists over 10 000 runs were planned as whole-table joins.
 */
class PlannerStatisticsIT {
    @RegisterExtension
    static final ClassLab<PostgresServer> POSTGRES = PostgresServer.perClass();

    @Test
    void aBulkInsertLeavesRunsAndTheirHostsAnalysed() throws Exception {
        String url = POSTGRES.get().jdbcUrl();
        try (Database db = Database.open(url, 2)) {
            assertThat(lastAnalysed(url, "run_hosts")).as("the migration's own statistics").isTrue();
            List<RunRow> rows = new ArrayList<>();
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < RunRepository.BULK; i++) {
                rows.add(new RunRow(String.format(Locale.ROOT, "bulk-%05d", i), RunState.FINISHED, "healthy", "test",
                        start.plusSeconds(i), null, start.plusSeconds(i + 50), null, null, "{}", ",h" + (i % 7) + ",",
                        null, null, null, false, 0));
            }
            new RunRepository(db).insertAll(rows);
            assertThat(estimatedRows(url, "runs")).isGreaterThanOrEqualTo(RunRepository.BULK);
            assertThat(estimatedRows(url, "run_hosts")).isGreaterThanOrEqualTo(RunRepository.BULK);
        }
    }

    /** pg_class.reltuples: what the planner believes a table holds (-1 or 0 before any ANALYZE). */
    private static long estimatedRows(String url, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select reltuples from pg_class where relname = '" + table + "'")) {
            rows.next();
            return (long) rows.getDouble(1);
        }
    }

    private static boolean lastAnalysed(String url, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select last_analyze is not null from pg_stat_user_tables where relname = '" + table + "'")) {
            return rows.next() && rows.getBoolean(1);
        }
    }
}
