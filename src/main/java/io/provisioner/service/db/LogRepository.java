package io.provisioner.service.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Each host's stack.sh log of a run, masked. Live logs (table run_log_chunks): per attempt, chunks appended
 * while the deploy follows stack.sh, each at the byte offset where it starts, so a byte range reads only the
 * chunks it covers. run_logs holds a whole log stored when a run ended (runs from before live logs).
 */
public final class LogRepository {
    private final Database db;

    public LogRepository(Database db) {
        this.db = db;
    }

    public void store(String runId, String host, String maskedContent) {
        Jdbc.run(db, "storing the log of run " + runId, connection -> {
            try (PreparedStatement del = connection.prepareStatement("delete from run_logs where run_id = ? and host = ?")) {
                del.setString(1, runId);
                del.setString(2, host);
                del.executeUpdate();
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "insert into run_logs (run_id, host, content) values (?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setString(2, host);
                ps.setString(3, maskedContent);
                return ps.executeUpdate();
            }
        });
    }

    /** The whole log stored when the run ended (runs from before live logs). */
    public Optional<String> find(String runId, String host) {
        return Jdbc.run(db, "reading the log of run " + runId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "select content from run_logs where run_id = ? and host = ?")) {
                ps.setString(1, runId);
                ps.setString(2, host);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Appends a chunk of an attempt's live log at {@code offset} (the bytes stored before it). Idempotent: a
     * chunk already stored at that offset (a retry after the answer to the first try was lost) is kept as is.
     */
    public void appendChunk(String runId, String host, int attempt, long offset, String maskedText) {
        int length = maskedText.getBytes(StandardCharsets.UTF_8).length;
        Jdbc.run(db, "storing the live log of run " + runId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "insert into run_log_chunks (run_id, host, attempt, byte_offset, "
                    + "byte_length, content) select ?, ?, ?, ?, ?, ? where not exists (select 1 from run_log_chunks "
                    + "where run_id = ? and host = ? and attempt = ? and byte_offset = ?)")) {
                ps.setString(1, runId);
                ps.setString(2, host);
                ps.setInt(3, attempt);
                ps.setLong(4, offset);
                ps.setInt(5, length);
                ps.setString(6, maskedText);
                ps.setString(7, runId);
                ps.setString(8, host);
                ps.setInt(9, attempt);
                ps.setLong(10, offset);
                return ps.executeUpdate();
            }
        });
    }

    /** How many bytes of the attempt's live log are stored (0: none). */
    public long length(String runId, String host, int attempt) {
        return Jdbc.run(db, "reading the live log of run " + runId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "select max(byte_offset + byte_length) from run_log_chunks "
                    + "where run_id = ? and host = ? and attempt = ?")) {
                ps.setString(1, runId);
                ps.setString(2, host);
                ps.setInt(3, attempt);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Every host's live-log attempts of a run, by host then attempt. */
    public List<LogAttempt> attempts(String runId) {
        return Jdbc.run(db, "listing the live logs of run " + runId, connection -> {
            List<LogAttempt> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("select host, attempt, max(byte_offset + byte_length) "
                    + "from run_log_chunks where run_id = ? group by host, attempt order by host, attempt")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LogAttempt(rs.getString(1), rs.getInt(2), rs.getLong(3)));
                    }
                }
            }
            return out;
        });
    }

    /** Bytes {@code first..last} (inclusive, within the stored length) of an attempt's live log. */
    public byte[] read(String runId, String host, int attempt, long first, long last) {
        return Jdbc.run(db, "reading the live log of run " + runId, connection -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(last - first + 1, 1 << 24));
            long start = -1;
            try (PreparedStatement ps = connection.prepareStatement(
                    "select byte_offset, content from run_log_chunks where run_id = ? "
                    + "and host = ? and attempt = ? and byte_offset <= ? and byte_offset + byte_length > ? order by byte_offset")) {
                ps.setString(1, runId);
                ps.setString(2, host);
                ps.setInt(3, attempt);
                ps.setLong(4, last);
                ps.setLong(5, first);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (start < 0) {
                            start = rs.getLong(1);
                        }
                        out.writeBytes(rs.getString(2).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            if (start < 0) {
                return new byte[0];
            }
            byte[] all = out.toByteArray();
            int from = (int) (first - start);
            int to = (int) Math.min(all.length, last - start + 1);
            return Arrays.copyOfRange(all, Math.max(0, from), Math.max(from, to));
        });
    }
}
