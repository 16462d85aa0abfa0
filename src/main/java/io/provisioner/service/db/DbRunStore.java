package io.provisioner.service.db;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.deploy.JournalRecord;
import io.provisioner.deploy.RunStore;
import io.provisioner.deploy.StepState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's journal in the database (the service's run id; each record keeps the deploy's own run id, which
 * resume takes over with the target's lease) (table run_journal), so any instance can resume it. An append waits
 * out a database that went away (up to {@link #OUTAGE_BUDGET}) rather than failing the deploy.
 */
public final class DbRunStore implements RunStore {
    static final Duration OUTAGE_BUDGET = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final String runId;

    public DbRunStore(Database db, String runId) {
        this.db = db;
        this.runId = runId;
    }

    @Override
    public synchronized void append(JournalRecord record) {
        String data;
        try {
            data = record.data().isEmpty() ? null : JSON.writeValueAsString(record.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Outages.retry(OUTAGE_BUDGET, () -> Jdbc.run(db, "journaling run " + runId, connection -> {
            try (PreparedStatement ps = connection.prepareStatement("insert into run_journal (run_id, deploy_run, ts, host, "
                    + "step, step_state, detail, data_json) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setString(2, record.run());
                Jdbc.setInstant(ps, 3, record.time());
                ps.setString(4, record.host());
                ps.setString(5, record.step());
                ps.setString(6, record.state().label());
                ps.setString(7, record.detail());
                ps.setString(8, data);
                return ps.executeUpdate();
            }
        }));
    }

    @Override
    public List<JournalRecord> records() {
        return Outages.retry(OUTAGE_BUDGET, () -> Jdbc.run(db, "reading the journal of run " + runId, connection -> {
            List<JournalRecord> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "select * from run_journal where run_id = ? order by id")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JournalRecord(Jdbc.instant(rs, "ts"), rs.getString("deploy_run"), rs.getString("host"),
                                rs.getString("step"), StepState.fromLabel(rs.getString("step_state")),
                                rs.getString("detail"), data(rs.getString("data_json"))));
                    }
                }
            }
            return out;
        }));
    }

    private static Map<String, String> data(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("a journal record's data is not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // every record is committed when append returns
    }
}
