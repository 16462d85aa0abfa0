package io.provisioner.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.service.db.LogAttempt;
import io.provisioner.service.db.RunRow;

import java.time.Instant;
import java.util.List;

/** The JSON of a run: a summary for lists, and in full with its request and report. */
final class RunJson {
    private RunJson() {
    }

    static ObjectNode summary(RunRow r) {
        ObjectNode n = HttpCall.JSON.createObjectNode();
        n.put("id", r.id());
        n.put("state", r.state().label());
        n.put("outcome", r.outcome());
        n.put("submitted_by", r.submittedBy());
        n.put("submitted_at", time(r.submittedAt()));
        n.put("started_at", time(r.startedAt()));
        n.put("finished_at", time(r.finishedAt()));
        n.put("instance", r.instance());
        n.put("message", r.message());
        n.put("cancel_requested", r.cancelRequested());
        n.put("executions", r.executions());
        n.set("request", parse(r.requestJson()));
        ((ObjectNode) n.get("request")).remove("inline_secrets");
        return n;
    }

    /** The run with its request, its report and each host's stack.sh log by attempt ({@code logs}, live). */
    static ObjectNode full(RunRow r, List<LogAttempt> logs) {
        ObjectNode n = summary(r);
        n.put("spec", r.specText());
        JsonNode report = r.reportJson() == null ? null : parse(r.reportJson());
        n.set("report", report);
        n.set("hosts", report == null ? HttpCall.JSON.createArrayNode() : report.get("hosts"));
        ArrayNode logList = n.putArray("logs");
        for (LogAttempt log : logs) {
            ObjectNode entry = logList.addObject();
            entry.put("host", log.host());
            entry.put("attempt", log.attempt());
            entry.put("bytes", log.bytes());
            entry.put("url", LogsApi.url(r.id(), log));
        }
        return n;
    }

    static JsonNode parse(String json) {
        try {
            return HttpCall.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
