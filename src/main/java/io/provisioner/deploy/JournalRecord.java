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

    static JournalRecord fromJson(JsonNode json) {
        Map<String, String> data = new LinkedHashMap<>();
        JsonNode dataNode = json.get("data");
        if (dataNode != null) {
            dataNode.fields().forEachRemaining(field -> data.put(field.getKey(), field.getValue().asText()));
        }
        return new JournalRecord(Instant.parse(json.get("ts").asText()), json.get("run").asText(), json.get("host").asText(),
                json.get("step").asText(), StepState.fromLabel(json.get("state").asText()),
                json.hasNonNull("detail") ? json.get("detail").asText() : null, data);
    }
}
