package io.provisioner.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.deploy.HostStatusView;
import io.provisioner.probe.ProbeResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status}'s output, host by host: the journal's last word on it ({@code view}, null when never deployed),
 * its live probes, and whether both say healthy.
 */
public final class StatusReport {
    /** One host's row. */
    public record Row(String host, HostStatusView view, List<ProbeResult> probes, boolean healthy) {
    }

    private final List<Row> rows = new ArrayList<>();

    public void add(Row row) {
        rows.add(row);
    }

    public boolean allHealthy() {
        return rows.stream().allMatch(Row::healthy);
    }

    public void text(Path stateDir, PrintWriter out) {
        for (Row row : rows) {
            HostStatusView v = row.view();
            if (v == null) {
                out.printf("%-12s never deployed (no journal entry in %s)%n", row.host(), stateDir);
                continue;
            }
            out.printf("%-12s %s  run %s, last step %s %s at %s%n", row.host(), row.healthy() ? "healthy" : "NOT healthy",
                    v.run(), v.lastStep(), v.lastState().label(), v.when());
            for (ProbeResult p : row.probes()) {
                out.printf("%-12s   %-16s %s%n", "", p.outcome().label(), p.target());
            }
        }
    }

    public String json() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Row row : rows) {
            HostStatusView v = row.view();
            ObjectNode n = array.addObject();
            n.put("host", row.host());
            n.put("run", v == null ? null : v.run());
            n.put("last_step", v == null ? null : v.lastStep());
            n.put("last_state", v == null ? null : v.lastState().label());
            n.put("when", v == null ? null : v.when().toString());
            n.put("healthy", row.healthy());
            ArrayNode probes = n.putArray("probes");
            row.probes().forEach(p -> probes.addObject().put("target", p.target()).put("outcome", p.outcome().label()));
        }
        return array.toPrettyString();
    }
}
