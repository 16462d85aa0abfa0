package io.provisioner.diagnose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The answer for one log: how it ended, the failure category and fix-ups, the evidence lines, the failed step
 * and one sentence a person can act on. {@code facts} holds the values the rules captured (package, url, uri,
 * host_ip, ...) that fix-ups use; it is not part of the JSON output.
 */
public record Diagnosis(Outcome outcome, String category, List<String> fixups, List<Evidence> evidence,
                        FailedStep failedStep, String summary, Map<String, String> facts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Diagnosis {
        fixups = List.copyOf(fixups);
        evidence = List.copyOf(evidence);
        facts = Map.copyOf(facts);
    }

    /** The JSON object of DESIGN.md: outcome, category, fixups, evidence [{line,text}], failed_step, summary. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("outcome", outcome.label());
        if (category == null) {
            o.putNull("category");
        } else {
            o.put("category", category);
        }
        ArrayNode fx = o.putArray("fixups");
        fixups.forEach(fx::add);
        ArrayNode ev = o.putArray("evidence");
        for (Evidence e : evidence) {
            ev.addObject().put("line", e.line()).put("text", e.text());
        }
        if (failedStep == null) {
            o.putNull("failed_step");
        } else {
            o.putObject("failed_step").put("file", failedStep.file()).put("function", failedStep.function())
                    .put("line", failedStep.line());
        }
        o.put("summary", summary);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One paragraph: what happened, where, why, what to do, which fix-ups; then the evidence lines. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        switch (outcome) {
            case SUCCEEDED -> b.append("stack.sh succeeded. ");
            case FAILED -> b.append("stack.sh failed");
            case INCOMPLETE -> b.append("stack.sh did not finish");
        }
        if (outcome != Outcome.SUCCEEDED) {
            if (failedStep != null) {
                b.append(" at ").append(failedStep);
            }
            b.append(" (").append(category).append("). ");
        }
        b.append(summary);
        if (outcome != Outcome.SUCCEEDED) {
            b.append(fixups.isEmpty() ? " No automatic fix-up applies."
                    : " Fix-ups: " + String.join(", ", fixups) + ".");
        }
        b.append('\n');
        for (Evidence e : evidence) {
            b.append("  line ").append(e.line()).append(": ").append(e.text()).append('\n');
        }
        return b.toString();
    }
}
