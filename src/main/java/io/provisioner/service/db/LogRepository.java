package io.provisioner.service.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** run_logs: each host's stack.sh log of a run (masked), stored when the run ends. */
public final class LogRepository {
    private final Database db;

    public LogRepository(Database db) {
        this.db = db;
    }

    public void store(String runId, String host, String maskedContent) {
        Jdbc.run(db, "storing the log of run " + runId, c -> {
            try (PreparedStatement del = c.prepareStatement("delete from run_logs where run_id = ? and host = ?")) {
                del.setString(1, runId);
                del.setString(2, host);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into run_logs (run_id, host, content) values (?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setString(2, host);
                ps.setString(3, maskedContent);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<String> find(String runId, String host) {
        return Jdbc.run(db, "reading the log of run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement("select content from run_logs where run_id = ? and host = ?")) {
                ps.setString(1, runId);
                ps.setString(2, host);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }
}
