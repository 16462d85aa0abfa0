package io.provisioner.diagnose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

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

    /**
     * Made on first use: a text diagnosis loads none of Jackson. A generator alone, no ObjectMapper: making a mapper
     * (its type factory, date format, locale data) was about a quarter of a cold diagnose's start; the generator
     * with the default pretty printer writes the bytes the mapper's pretty writer wrote.
     */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();
    }

    /**
     * The fact naming the fix-ups a rule has but the diagnosis withheld because the call is not clear (comma-separated;
     * absent when none were withheld): the deploy may still re-run when they are only what every re-run does anyway.
     */
    public static final String WITHHELD_FIXUPS = "withheld_fixups";

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
    /** The fix-ups the named rule has that were withheld because the call is not clear (see {@link #WITHHELD_FIXUPS}). */
    public List<String> withheldFixups() {
        String withheld = facts.get(WITHHELD_FIXUPS);
        return withheld == null ? List.of() : List.of(withheld.split(","));
    }

    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("outcome", outcome.label());
            json.writeStringField("category", category);
            json.writeArrayFieldStart("fixups");
            for (String fixup : fixups) {
                json.writeString(fixup);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("evidence");
            for (Evidence cited : evidence) {
                json.writeStartObject();
                json.writeNumberField("line", cited.line());
                json.writeStringField("text", cited.text());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (failedStep == null) {
                json.writeNullField("failed_step");
            } else {
                json.writeObjectFieldStart("failed_step");
                json.writeStringField("file", failedStep.file());
                json.writeStringField("function", failedStep.function());
                json.writeNumberField("line", failedStep.line());
                json.writeEndObject();
            }
            json.writeStringField("summary", summary);
            if (confidence != null) {
                json.writeStringField("confidence", confidence);
            }
            if (nextBest != null) {
                json.writeStringField("next_best", nextBest);
            }
            if (runbook != null) {
                json.writeStringField("runbook", runbook);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
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
            // withheld ones were already said in the summary ("... so no fix-up is offered")
            out.append(!fixups.isEmpty() ? " Fix-ups: " + String.join(", ", fixups) + "."
                    : withheldFixups().isEmpty() ? " No automatic fix-up applies." : "");
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
