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
            HostStatusView view = row.view();
            if (view == null) {
                out.printf("%-12s never deployed (no journal entry in %s; deploy --sandbox keeps its own)%n", row.host(),
                        stateDir);
                continue;
            }
            out.printf("%-12s %s  run %s, last step %s %s at %s%n", row.host(), row.healthy() ? "healthy" : "NOT healthy",
                    view.run(), view.lastStep(), view.lastState().label(), view.when());
            for (ProbeResult probe : row.probes()) {
                out.printf("%-12s   %-16s %s%n", "", probe.outcome().label(), probe.target());
            }
        }
    }

    public String json() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Row row : rows) {
            HostStatusView view = row.view();
            ObjectNode node = array.addObject();
            node.put("host", row.host());
            node.put("run", view == null ? null : view.run());
            node.put("last_step", view == null ? null : view.lastStep());
            node.put("last_state", view == null ? null : view.lastState().label());
            node.put("when", view == null ? null : view.when().toString());
            node.put("healthy", row.healthy());
            ArrayNode probes = node.putArray("probes");
            row.probes().forEach(probe -> probes.addObject().put("target", probe.target())
                    .put("outcome", probe.outcome().label()));
        }
        return array.toPrettyString();
    }
}
