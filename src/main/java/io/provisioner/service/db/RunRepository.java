package io.provisioner.service.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The runs table: submit, look up, list, and the state changes of a run's life. */
public final class RunRepository {
    private static final String SUMMARY_COLUMNS = "r.id, r.state, r.outcome, r.submitted_by, r.submitted_at, "
            + "r.started_at, r.finished_at, r.instance, null as spec_text, r.request_json, r.host_names, r.message, "
            + "null as report_json, null as junit_xml, r.cancel_requested, r.executions";
    private static final String INSERT = "insert into runs (id, state, outcome, submitted_by, submitted_at, finished_at, "
            + "spec_text, request_json, host_names) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private final Database db;
    private final CountCache counts = new CountCache();

    public RunRepository(Database db) {
        this.db = db;
    }

    /** Records a submitted run and the hosts it names (one transaction when it names any). */
    public void insert(RunRow run) {
        insertAll(List.of(run));
    }

    /** Records runs and the hosts they name in one transaction, in batches (a submit, an imported history). */
    public void insertAll(List<RunRow> runs) {
        change("recording " + (runs.size() == 1 ? "the run" : runs.size() + " runs"), connection -> {
            try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
                for (RunRow run : runs) {
                    bindInsert(ps, run);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (runs.stream().anyMatch(run -> !hostsOf(run).isEmpty())) {
                try (PreparedStatement ps = connection.prepareStatement(
                        "insert into run_hosts (host, submitted_at, run_id) values (?, ?, ?)")) {
                    for (RunRow run : runs) {
                        for (String host : hostsOf(run)) {
                            ps.setString(1, host);
                            Jdbc.setInstant(ps, 2, run.submittedAt());
                            ps.setString(3, run.id());
                            ps.addBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
            return !runs.isEmpty();
        });
        if (runs.size() >= BULK && db.kind() == DatabaseKind.POSTGRESQL) {
            refreshStatistics();
        }
    }

    /** From this many runs in one insert on, PostgreSQL's planner statistics are refreshed right after it. */
    static final int BULK = 1000;

    /**
     * Gathers PostgreSQL's planner statistics for the tables the lists read. Autovacuum does this by itself a
     * minute or so after a bulk insert; until then the planner takes the tables for nearly empty, and lists over
     * 10 000 runs read by 50 clients had p99 4 s instead of 0.14 s. PostgreSQL's manual advises ANALYZE after a
     * bulk load.
     */
    public void refreshStatistics() {
        sql("refreshing the planner's statistics", connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("analyze runs");
                statement.execute("analyze run_hosts");
            }
            return null;
        });
    }

    /** The distinct host names of {@code ,a,b,}. */
    private static Set<String> hostsOf(RunRow run) {
        Set<String> out = new LinkedHashSet<>();
        for (String host : run.hostNames().split(",")) {
            if (!host.isEmpty()) {
                out.add(host);
            }
        }
        return out;
    }

    /**
     * The runs' version (V4): every change of a run made through this class, on any instance, raises it in the
     * same transaction as the change. What was read at version V (a count, a rendered page) holds while the
     * version is still V, provided V was read before it.
     */
    public long version() {
        return sql("reading the runs' version", this::version);
    }

    private long version(java.sql.Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select version from runs_version where id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("runs_version has no row (migration V4)");
            }
            return rs.getLong(1);
        }
    }

    /**
     * A change of runs: the work, and when it changed anything (it answers true) the version raised, in one
     * transaction. The version's row is written last, so a change holds its lock only for the commit.
     */
    private boolean change(String what, Jdbc.Work<Boolean> work) {
        return sql(what, connection -> {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                boolean changed = work.run(connection);
                if (changed) {
                    try (PreparedStatement ps = connection.prepareStatement(
                            "update runs_version set version = version + 1 where id = 1")) {
                        ps.executeUpdate();
                    }
                }
                connection.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback); // a dead connection: the change's own failure is what to report
                }
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        });
    }

    public Optional<RunRow> find(String id) {
        return sql("reading run " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("select * from runs where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<RunRow>empty();
                }
            }
        });
    }

    /**
     * One page, newest first, and how many runs match. The order (submitted_at desc, id desc) is an index's
     * order for every filter (V2__read_paths): a keyset page walks page_size index entries from the cursor;
     * an offset page walks past the pages before it.
     */
    public RunPage list(RunFilter filter) {
        // with a host: the runs naming it, by primary key from run_hosts (V2); written as IN rather than a join,
        // which H2 ordered as "every finished run, then its host rows" (10 000 rows read instead of 500)
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.host() != null) {
            where.append(" and r.id in (select run_id from run_hosts where host = ?)");
            args.add(filter.host());
        }
        if (filter.state() != null) {
            where.append(" and r.state = ?");
            args.add(filter.state().label());
        }
        if (filter.outcome() != null) {
            where.append(" and r.outcome = ?");
            args.add(filter.outcome());
        }
        StringBuilder pageWhere = new StringBuilder(where);
        List<Object> pageArgs = new ArrayList<>(args);
        if (filter.after() != null) {
            // (submitted_at, id) < cursor, written so that both databases walk the index from the cursor
            pageWhere.append(" and r.submitted_at <= ? and (r.submitted_at < ? or r.id < ?)");
            pageArgs.add(filter.after().submittedAt());
            pageArgs.add(filter.after().submittedAt());
            pageArgs.add(filter.after().id());
        }
        // limit and offset are numbers written into the statement, not parameters: PostgreSQL's generic plan of
        // a server-prepared statement (pgjdbc prepares one after 5 uses) cannot know a parameter limit is small
        // and chose a hash join of the whole history and a sort (2-7 ms) over a walk of the list index (0.5 ms)
        String paging = " order by r.submitted_at desc, r.id desc limit " + (filter.pageSize() + 1)
                + (filter.after() != null ? "" : " offset " + (long) (filter.page() - 1) * filter.pageSize());
        return sql("listing runs", connection -> {
            // the version first: the count and the page below are at least as new as it
            long version = version(connection);
            String countSql = "select count(*) from runs r" + where;
            long count = counts.get(version, countSql + args, () -> {
                try (PreparedStatement ps = connection.prepareStatement(countSql)) {
                    bind(ps, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            // one run more than the page: whether there is a next page, whatever the (cached) total says
            List<RunRow> rows = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "select " + SUMMARY_COLUMNS + " from runs r" + pageWhere + paging)) {
                bind(ps, pageArgs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            boolean more = rows.size() > filter.pageSize();
            return new RunPage(count, more ? rows.subList(0, filter.pageSize()) : rows, more, version);
        });
    }

    /**
     * Takes the run for this instance: queued → running, or a running run whose executing instance has not
     * beaten for {@code stale} (it died). False when an instance (this one too) is alive on it, or it ended:
     * db-scheduler may declare an execution dead that is only slow (a database outage), and this keeps the
     * deploy from running twice.
     */
    public boolean claim(String id, String instance, java.time.Duration stale) {
        return change("starting run " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("update runs set state = 'running', instance = ?, "
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
        sql("beating for run " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "update runs set heartbeat_at = ? where id = ? and instance = ?")) {
                Jdbc.setInstant(ps, 1, Instant.now());
                ps.setString(2, id);
                ps.setString(3, instance);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * The live run's message; the same message again changes nothing (a run waiting for a busy target writes its
     * message every retry, and each change raises runs_version, emptying every instance's read caches).
     */
    public void setMessage(String id, String message) {
        update("noting run " + id, "update runs set message = ? where id = ? and state in ('queued', 'running')"
                + " and (message is null or message <> ?)", message, id, message);
    }

    /** The run's end: finished (with its outcome) or cancelled, its reports, its last message. */
    public void finish(String id, RunState state, String outcome, String message, String reportJson, String junitXml) {
        change("finishing run " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("update runs set state = ?, outcome = ?, message = ?, "
                    + "report_json = ?, junit_xml = ?, finished_at = ? where id = ?")) {
                ps.setString(1, state.label());
                ps.setString(2, outcome);
                ps.setString(3, message);
                ps.setString(4, reportJson);
                ps.setString(5, junitXml);
                Jdbc.setInstant(ps, 6, Instant.now());
                ps.setString(7, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Cancels a queued run at once (true), or asks a running one to stop (its executor finishes it). */
    public boolean cancelQueued(String id) {
        return change("cancelling run " + id, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "update runs set state = 'cancelled', outcome = 'cancelled', "
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
                id);
    }

    public boolean cancelRequested(String id) {
        return find(id).map(RunRow::cancelRequested).orElse(false);
    }

    /** How many runs are in each state. */
    public Map<String, Long> countByState() {
        return sql("counting runs", connection -> {
            Map<String, Long> out = new TreeMap<>();
            try (PreparedStatement ps = connection.prepareStatement("select state, count(*) from runs group by state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /** One update statement as a change of runs (the version raised when it changed a row); true when it did. */
    private boolean update(String what, String sql, String... args) {
        return change(what, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, List.of(args));
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static void bindInsert(PreparedStatement ps, RunRow run) throws SQLException {
        ps.setString(1, run.id());
        ps.setString(2, run.state().label());
        ps.setString(3, run.outcome());
        ps.setString(4, run.submittedBy());
        Jdbc.setInstant(ps, 5, run.submittedAt());
        Jdbc.setInstant(ps, 6, run.finishedAt());
        ps.setString(7, run.specText());
        ps.setString(8, run.requestJson());
        ps.setString(9, run.hostNames());
    }

    private static void bind(PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Instant instant) {
                Jdbc.setInstant(ps, i + 1, instant);
            } else {
                ps.setString(i + 1, (String) args.get(i));
            }
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
