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

    static ObjectNode summary(RunRow run) {
        ObjectNode json = HttpCall.JSON.createObjectNode();
        json.put("id", run.id());
        json.put("state", run.state().label());
        json.put("outcome", run.outcome());
        json.put("submitted_by", run.submittedBy());
        json.put("submitted_at", time(run.submittedAt()));
        json.put("started_at", time(run.startedAt()));
        json.put("finished_at", time(run.finishedAt()));
        json.put("instance", run.instance());
        json.put("message", run.message());
        json.put("cancel_requested", run.cancelRequested());
        json.put("executions", run.executions());
        json.set("request", parse(run.requestJson()));
        ((ObjectNode) json.get("request")).remove("inline_secrets");
        return json;
    }

    /** The run with its request, its report and each host's stack.sh log by attempt ({@code logs}, live). */
    static ObjectNode full(RunRow run, List<LogAttempt> logs) {
        ObjectNode json = summary(run);
        json.put("spec", run.specText());
        JsonNode report = run.reportJson() == null ? null : parse(run.reportJson());
        json.set("report", report);
        json.set("hosts", report == null ? HttpCall.JSON.createArrayNode() : report.get("hosts"));
        ArrayNode logList = json.putArray("logs");
        for (LogAttempt log : logs) {
            ObjectNode entry = logList.addObject();
            entry.put("host", log.host());
            entry.put("attempt", log.attempt());
            entry.put("bytes", log.bytes());
            entry.put("url", LogsApi.url(run.id(), log));
        }
        return json;
    }

    static JsonNode parse(String json) {
        try {
            return HttpCall.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
