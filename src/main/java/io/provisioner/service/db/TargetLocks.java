package io.provisioner.service.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which run holds which target host (user@address:port), across every instance: a run takes all its
 * targets in one transaction or none; the second run that touches a held target waits (queued, named).
 * A lock of a run that is no longer running (finished, cancelled) is taken over.
 */
public final class TargetLocks {
    private final Database db;

    public TargetLocks(Database db) {
        this.db = db;
    }

    /** Takes every target for the run; empty when taken, else the target and the run holding it. */
    public Optional<String> acquire(String runId, List<String> targets) {
        return Jdbc.run(db, "locking the targets of run " + runId, connection -> {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (String target : targets) {
                    String holder = holder(connection, target);
                    if (holder != null && !holder.equals(runId) && holderActive(connection, holder)) {
                        connection.rollback();
                        return Optional.of(target + " is held by run " + holder);
                    }
                    if (holder != null) {
                        try (PreparedStatement ps = connection.prepareStatement(
                                "delete from target_locks where target = ?")) {
                            ps.setString(1, target);
                            ps.executeUpdate();
                        }
                    }
                    try (PreparedStatement ps = connection.prepareStatement(
                            "insert into target_locks (target, run_id, taken_at) "
                            + "values (?, ?, ?)")) {
                        ps.setString(1, target);
                        ps.setString(2, runId);
                        Jdbc.setInstant(ps, 3, Instant.now());
                        ps.executeUpdate();
                    }
                }
                connection.commit();
                return Optional.<String>empty();
            } catch (SQLException e) {
                connection.rollback();
                if (isUniqueViolation(e)) {
                    return Optional.of("a target of run " + runId + " was taken by another run at the same moment");
                }
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        });
    }

    public void release(String runId) {
        Jdbc.run(db, "unlocking the targets of run " + runId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("delete from target_locks where run_id = ?")) {
                ps.setString(1, runId);
                return ps.executeUpdate();
            }
        });
    }

    private static String holder(Connection connection, String target) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select run_id from target_locks where target = ? for update")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static boolean holderActive(Connection connection, String runId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select state from runs where id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !RunState.fromLabel(rs.getString(1)).isFinal();
            }
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
