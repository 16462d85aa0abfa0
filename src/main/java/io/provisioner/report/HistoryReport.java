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

    /** @param stateDir where the journal was read: named when it holds no run (a sandbox deploy keeps its own) */
    public static void text(List<RunHistory> runs, String spec, java.nio.file.Path stateDir, PrintWriter out) {
        if (runs.isEmpty()) {
            out.println("no runs of " + spec + " in the journal in " + stateDir + " yet (deploy --sandbox keeps its"
                    + " journal in the sandbox, unless given --state-dir)");
            return;
        }
        out.printf("%-19s  %-22s  %-11s  %-8s  %s%n", "WHEN (UTC)", "RUN", "OUTCOME", "ATTEMPTS", "HOSTS");
        for (RunHistory history : runs) {
            int attempts = history.hosts().stream().mapToInt(RunHistory.HostRun::attempts).sum();
            String hosts = history.hosts().stream().map(hostRun -> hostRun.host() + " " + hostRun.outcome()
                    + (hostRun.attempts() > 1 ? " (" + hostRun.attempts() + " attempts)" : ""))
                    .collect(Collectors.joining(", "));
            out.printf("%-19s  %-22s  %-11s  %-8d  %s%n", WHEN.format(history.started()), history.run(), history.outcome(),
                    attempts, hosts);
        }
        out.println(runs.size() + (runs.size() == 1 ? " run" : " runs") + " of " + spec);
    }

    public static String json(List<RunHistory> runs, String spec) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (RunHistory history : runs) {
            ObjectNode run = array.addObject();
            run.put("run", history.run());
            run.put("spec", spec);
            run.put("started", history.started().truncatedTo(ChronoUnit.SECONDS).toString());
            run.put("last_write", history.lastWrite().truncatedTo(ChronoUnit.SECONDS).toString());
            run.put("outcome", history.outcome());
            ArrayNode hosts = run.putArray("hosts");
            history.hosts().forEach(hostRun -> hosts.addObject().put("host", hostRun.host())
                    .put("outcome", hostRun.outcome()).put("attempts", hostRun.attempts()));
        }
        try {
            return mapper.writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("history is plain data and always serialises", e);
        }
    }
}
