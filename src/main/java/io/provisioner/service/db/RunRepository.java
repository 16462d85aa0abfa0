package io.provisioner.service.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The runs table: submit, look up, list, and the state changes of a run's life. */
public final class RunRepository {
    private static final String SUMMARY_COLUMNS = "id, state, outcome, submitted_by, submitted_at, started_at, "
            + "finished_at, instance, null as spec_text, request_json, host_names, message, null as report_json, "
            + "null as junit_xml, cancel_requested, executions";
    private final Database db;

    public RunRepository(Database db) {
        this.db = db;
    }

    public void insert(RunRow run) {
        sql("recording the run", c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into runs (id, state, submitted_by, submitted_at, "
                    + "spec_text, request_json, host_names) values (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, run.id());
                ps.setString(2, run.state().label());
                ps.setString(3, run.submittedBy());
                Jdbc.setInstant(ps, 4, run.submittedAt());
                ps.setString(5, run.specText());
                ps.setString(6, run.requestJson());
                ps.setString(7, run.hostNames());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<RunRow> find(String id) {
        return sql("reading run " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("select * from runs where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<RunRow>empty();
                }
            }
        });
    }

    public RunPage list(RunFilter filter) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<String> args = new ArrayList<>();
        if (filter.state() != null) {
            where.append(" and state = ?");
            args.add(filter.state().label());
        }
        if (filter.outcome() != null) {
            where.append(" and outcome = ?");
            args.add(filter.outcome());
        }
        if (filter.host() != null) {
            where.append(" and host_names like ?");
            args.add("%," + filter.host().replace("%", "").replace("_", "") + ",%");
        }
        return sql("listing runs", c -> {
            long count;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from runs" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                }
            }
            List<RunRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + SUMMARY_COLUMNS + " from runs" + where
                    + " order by submitted_at desc, id desc limit ? offset ?")) {
                bind(ps, args);
                ps.setInt(args.size() + 1, filter.pageSize());
                ps.setLong(args.size() + 2, (long) (filter.page() - 1) * filter.pageSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return new RunPage(count, rows);
        });
    }

    /**
     * Takes the run for this instance: queued → running, or a running run whose executing instance has not
     * beaten for {@code stale} (it died). False when an instance (this one too) is alive on it, or it ended:
     * db-scheduler may declare an execution dead that is only slow (a database outage), and this keeps the
     * deploy from running twice.
     */
    public boolean claim(String id, String instance, java.time.Duration stale) {
        return sql("starting run " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("update runs set state = 'running', instance = ?, "
                    + "started_at = coalesce(started_at, ?), heartbeat_at = ?, executions = executions + 1 "
                    + "where id = ? and (state = 'queued' or (state = 'running' and (heartbeat_at is null "
                    + "or heartbeat_at < ?)))")) {
                Instant now = Instant.now();
                ps.setString(1, instance);
                Jdbc.setInstant(ps, 2, now);
                Jdbc.setInstant(ps, 3, now);
                ps.setString(4, id);
                Jdbc.setInstant(ps, 5, now.minus(stale));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The executing instance is alive on the run. */
    public void beat(String id, String instance) {
        sql("beating for run " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("update runs set heartbeat_at = ? where id = ? and instance = ?")) {
                Jdbc.setInstant(ps, 1, Instant.now());
                ps.setString(2, id);
                ps.setString(3, instance);
                return ps.executeUpdate();
            }
        });
    }

    public void setMessage(String id, String message) {
        update("noting run " + id, "update runs set message = ? where id = ? and state in ('queued', 'running')",
                message, id);
    }

    /** The run's end: finished (with its outcome) or cancelled, its reports, its last message. */
    public void finish(String id, RunState state, String outcome, String message, String reportJson, String junitXml) {
        sql("finishing run " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("update runs set state = ?, outcome = ?, message = ?, "
                    + "report_json = ?, junit_xml = ?, finished_at = ? where id = ?")) {
                ps.setString(1, state.label());
                ps.setString(2, outcome);
                ps.setString(3, message);
                ps.setString(4, reportJson);
                ps.setString(5, junitXml);
                Jdbc.setInstant(ps, 6, Instant.now());
                ps.setString(7, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Cancels a queued run at once (true), or asks a running one to stop (its executor finishes it). */
    public boolean cancelQueued(String id) {
        return sql("cancelling run " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("update runs set state = 'cancelled', outcome = 'cancelled', "
                    + "cancel_requested = true, finished_at = ?, message = 'cancelled before it started' "
                    + "where id = ? and state = 'queued'")) {
                Jdbc.setInstant(ps, 1, Instant.now());
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public boolean requestCancel(String id) {
        return update("cancelling run " + id, "update runs set cancel_requested = true where id = ? and state = 'running'",
                id) == 1;
    }

    public boolean cancelRequested(String id) {
        return find(id).map(RunRow::cancelRequested).orElse(false);
    }

    /** How many runs are in each state. */
    public Map<String, Long> countByState() {
        return sql("counting runs", c -> {
            Map<String, Long> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("select state, count(*) from runs group by state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    private int update(String what, String sql, String... args) {
        return sql(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, List.of(args));
                return ps.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement ps, List<String> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setString(i + 1, args.get(i));
        }
    }

    private static RunRow row(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString("id"), RunState.fromLabel(rs.getString("state")), rs.getString("outcome"),
                rs.getString("submitted_by"), Jdbc.instant(rs, "submitted_at"), Jdbc.instant(rs, "started_at"),
                Jdbc.instant(rs, "finished_at"), rs.getString("instance"), rs.getString("spec_text"),
                rs.getString("request_json"), rs.getString("host_names"), rs.getString("message"),
                rs.getString("report_json"), rs.getString("junit_xml"), rs.getBoolean("cancel_requested"),
                rs.getInt("executions"));
    }

    private <T> T sql(String what, Jdbc.Work<T> work) {
        return Jdbc.run(db, what, work);
    }
}
