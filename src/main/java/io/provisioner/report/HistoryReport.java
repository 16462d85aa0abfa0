package io.provisioner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/** {@code history}'s output: a table for people, an array for scripts. */
public final class HistoryReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private HistoryReport() {
    }

    public static void text(List<RunHistory> runs, String spec, PrintWriter out) {
        if (runs.isEmpty()) {
            out.println("no runs of " + spec + " in the journal yet");
            return;
        }
        out.printf("%-19s  %-22s  %-11s  %-8s  %s%n", "WHEN (UTC)", "RUN", "OUTCOME", "ATTEMPTS", "HOSTS");
        for (RunHistory r : runs) {
            int attempts = r.hosts().stream().mapToInt(RunHistory.HostRun::attempts).sum();
            String hosts = r.hosts().stream().map(h -> h.host() + " " + h.outcome()
                    + (h.attempts() > 1 ? " (" + h.attempts() + " attempts)" : "")).collect(Collectors.joining(", "));
            out.printf("%-19s  %-22s  %-11s  %-8d  %s%n", WHEN.format(r.started()), r.run(), r.outcome(), attempts, hosts);
        }
        out.println(runs.size() + (runs.size() == 1 ? " run" : " runs") + " of " + spec);
    }

    public static String json(List<RunHistory> runs, String spec) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (RunHistory r : runs) {
            ObjectNode run = array.addObject();
            run.put("run", r.run());
            run.put("spec", spec);
            run.put("started", r.started().truncatedTo(ChronoUnit.SECONDS).toString());
            run.put("last_write", r.lastWrite().truncatedTo(ChronoUnit.SECONDS).toString());
            run.put("outcome", r.outcome());
            ArrayNode hosts = run.putArray("hosts");
            r.hosts().forEach(h -> hosts.addObject().put("host", h.host()).put("outcome", h.outcome())
                    .put("attempts", h.attempts()));
        }
        try {
            return mapper.writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("history is plain data and always serialises", e);
        }
    }
}
