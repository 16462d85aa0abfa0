package io.provisioner.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One line of the journal: a host's step changed state; {@code data} holds what resume needs. */
public record JournalRecord(Instant time, String run, String host, String step, StepState state, String detail,
                            Map<String, String> data) {
    public JournalRecord {
        data = Map.copyOf(data == null ? Map.of() : data);
    }

    static JournalRecord fromJson(JsonNode n) {
        Map<String, String> data = new LinkedHashMap<>();
        JsonNode d = n.get("data");
        if (d != null) {
            d.fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        }
        return new JournalRecord(Instant.parse(n.get("ts").asText()), n.get("run").asText(), n.get("host").asText(),
                n.get("step").asText(), StepState.fromLabel(n.get("state").asText()),
                n.hasNonNull("detail") ? n.get("detail").asText() : null, data);
    }
}
