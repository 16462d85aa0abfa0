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

    /** Made on first use: a text diagnosis loads none of Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

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
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("outcome", outcome.label());
        if (category == null) {
            node.putNull("category");
        } else {
            node.put("category", category);
        }
        ArrayNode fx = node.putArray("fixups");
        fixups.forEach(fx::add);
        ArrayNode ev = node.putArray("evidence");
        for (Evidence cited : evidence) {
            ev.addObject().put("line", cited.line()).put("text", cited.text());
        }
        if (failedStep == null) {
            node.putNull("failed_step");
        } else {
            node.putObject("failed_step").put("file", failedStep.file()).put("function", failedStep.function())
                    .put("line", failedStep.line());
        }
        node.put("summary", summary);
        if (confidence != null) {
            node.put("confidence", confidence);
        }
        if (nextBest != null) {
            node.put("next_best", nextBest);
        }
        if (runbook != null) {
            node.put("runbook", runbook);
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One paragraph: what happened, where, why, what to do, which fix-ups; then the evidence lines. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        switch (outcome) {
            case SUCCEEDED -> out.append("stack.sh succeeded. ");
            case FAILED -> out.append("stack.sh failed");
            case INCOMPLETE -> out.append("stack.sh did not finish");
            case NOT_A_LOG -> {
                return "not a stack.sh log: " + summary + System.lineSeparator();
            }
        }
        if (outcome != LogOutcome.SUCCEEDED) {
            if (failedStep != null) {
                out.append(" at ").append(failedStep);
            }
            out.append(" (").append(category);
            if (confidence != null && !"high".equals(confidence)) {
                out.append(", ").append(confidence).append(" confidence");
                if (nextBest != null) {
                    out.append(", next best ").append(nextBest);
                }
            }
            out.append("). ");
        }
        out.append(summary);
        if (outcome != LogOutcome.SUCCEEDED) {
            out.append(fixups.isEmpty() ? " No automatic fix-up applies."
                    : " Fix-ups: " + String.join(", ", fixups) + ".");
            if (runbook != null) {
                out.append(" Runbook: ").append(runbook).append('.');
            }
        }
        out.append('\n');
        for (Evidence cited : evidence) {
            out.append("  line ").append(cited.line()).append(": ").append(cited.text()).append('\n');
        }
        return out.toString();
    }
}
