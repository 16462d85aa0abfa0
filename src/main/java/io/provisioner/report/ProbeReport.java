package io.provisioner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.probe.Outcome;
import io.provisioner.probe.ProbeResult;

import java.io.PrintWriter;
import java.util.List;

/** {@code probe}'s output: a table with a header and an "N of M up" line for people, an array for scripts. */
public final class ProbeReport {
    private ProbeReport() {
    }

    public static void text(List<ProbeResult> results, PrintWriter out) {
        int width = Math.max("TARGET".length(), results.stream().mapToInt(r -> r.target().length()).max().orElse(0));
        String row = "%-" + width + "s  %-19s %-22s %9s  %s%n";
        out.printf(row, "TARGET", "OUTCOME", "ADDRESS", "TIME", "DETAIL");
        for (ProbeResult r : results) {
            out.printf(row, r.target(), r.outcome().label(), r.resolvedAddress() == null ? "-" : r.resolvedAddress(),
                    r.elapsedMillis() + " ms", r.detail() == null ? "" : r.detail());
        }
        long healthy = results.stream().filter(ProbeResult::isHealthy).count();
        long degraded = results.stream().filter(r -> r.outcome() == Outcome.DEGRADED).count();
        out.println(healthy + " of " + results.size() + " up" + (degraded == 0 ? "" : " (" + degraded + " degraded)"));
        out.flush();
    }

    public static String json(List<ProbeResult> results) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (ProbeResult r : results) {
            ObjectNode o = array.addObject();
            o.put("target", r.target());
            o.put("outcome", r.outcome().label());
            o.put("address", r.resolvedAddress());
            o.put("elapsed_ms", r.elapsedMillis());
            o.put("detail", r.detail());
        }
        return array.toPrettyString();
    }
}
