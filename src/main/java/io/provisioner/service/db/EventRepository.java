package io.provisioner.service.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** run_events: a run's events in order, read back from any sequence number (SSE Last-Event-ID). */
public final class EventRepository {
    private final Database db;

    public EventRepository(Database db) {
        this.db = db;
    }

    public void insert(RunEvent event) {
        Jdbc.run(db, "recording an event of run " + event.runId(), connection -> {
            try (PreparedStatement ps = connection.prepareStatement("insert into run_events (run_id, seq, ts, kind, host, "
                    + "data_json) values (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, event.runId());
                ps.setLong(2, event.seq());
                Jdbc.setInstant(ps, 3, event.time());
                ps.setString(4, event.kind());
                ps.setString(5, event.host());
                ps.setString(6, event.dataJson());
                return ps.executeUpdate();
            }
        });
    }

    /** The highest sequence number stored for the run, 0 when none. */
    public long lastSeq(String runId) {
        return Jdbc.run(db, "reading events of run " + runId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "select coalesce(max(seq), 0) from run_events where run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Events after {@code afterSeq}, oldest first, at most {@code limit}. */
    public List<RunEvent> after(String runId, long afterSeq, int limit) {
        return Jdbc.run(db, "reading events of run " + runId, connection -> {
            List<RunEvent> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("select * from run_events where run_id = ? and seq > ? "
                    + "order by seq limit ?")) {
                ps.setString(1, runId);
                ps.setLong(2, afterSeq);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RunEvent(runId, rs.getLong("seq"), Jdbc.instant(rs, "ts"), rs.getString("kind"),
                                rs.getString("host"), rs.getString("data_json")));
                    }
                }
            }
            return out;
        });
    }
}
