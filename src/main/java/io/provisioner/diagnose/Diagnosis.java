package io.provisioner.diagnose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The answer for one log: how it ended, the failure category and fix-ups, the evidence lines, the failed step
 * and one sentence a person can act on. {@code facts} holds the values the rules captured (package, url, uri,
 * host_ip, ...) that fix-ups use; it is not part of the JSON output. {@code confidence} is high, medium or low (null
 * when no category is named), {@code nextBest} the competing category when the call is not clear, {@code runbook}
 * the page under docs/runbooks/ for the category (null when none applies).
 */
public record Diagnosis(LogOutcome outcome, String category, List<String> fixups, List<Evidence> evidence,
                        FailedStep failedStep, String summary, Map<String, String> facts, String confidence,
                        String nextBest, String runbook) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Diagnosis {
        fixups = List.copyOf(fixups);
        evidence = List.copyOf(evidence);
        facts = Map.copyOf(facts);
    }

    /** A diagnosis without a category call (success, or built by hand). */
    public Diagnosis(LogOutcome outcome, String category, List<String> fixups, List<Evidence> evidence,
                     FailedStep failedStep, String summary, Map<String, String> facts) {
        this(outcome, category, fixups, evidence, failedStep, summary, facts, null, null, null);
    }

    /** The JSON object `diagnose --format json` prints: outcome, category, fixups, evidence [{line,text}], failed_step, summary. */
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
        if (confidence != null) {
            o.put("confidence", confidence);
        }
        if (nextBest != null) {
            o.put("next_best", nextBest);
        }
        if (runbook != null) {
            o.put("runbook", runbook);
        }
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
            case NOT_A_LOG -> {
                return "not a stack.sh log: " + summary + System.lineSeparator();
            }
        }
        if (outcome != LogOutcome.SUCCEEDED) {
            if (failedStep != null) {
                b.append(" at ").append(failedStep);
            }
            b.append(" (").append(category);
            if (confidence != null && !"high".equals(confidence)) {
                b.append(", ").append(confidence).append(" confidence");
                if (nextBest != null) {
                    b.append(", next best ").append(nextBest);
                }
            }
            b.append("). ");
        }
        b.append(summary);
        if (outcome != LogOutcome.SUCCEEDED) {
            b.append(fixups.isEmpty() ? " No automatic fix-up applies."
                    : " Fix-ups: " + String.join(", ", fixups) + ".");
            if (runbook != null) {
                b.append(" Runbook: ").append(runbook).append('.');
            }
        }
        b.append('\n');
        for (Evidence e : evidence) {
            b.append("  line ").append(e.line()).append(": ").append(e.text()).append('\n');
        }
        return b.toString();
    }
}
