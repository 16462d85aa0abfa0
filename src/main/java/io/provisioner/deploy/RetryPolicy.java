package io.provisioner.deploy;

import io.provisioner.diagnose.Diagnosis;
import io.provisioner.spec.FixupName;

import java.util.List;
import java.util.Objects;

/**
 * Whether another stack.sh run can end differently. A re-run is worth its 20-30 minutes only when a fix-up
 * changed something on the host and verified it, or when the failure is transient (the diagnosis names
 * {@code retry}). The same failure category twice in a row means the last fix-ups did not remove the cause:
 * stop at once. The unstack that precedes every re-run is not a change in this sense.
 */
final class RetryPolicy {
    private RetryPolicy() {
    }

    /** What to do next. */
    sealed interface Verdict {
    }

    /** Apply the chosen fix-ups (then decide again with {@link #afterFixups}). */
    record ApplyFixups(List<FixupName> fixups) implements Verdict {
    }

    /** Run stack.sh again. */
    record Retry(String reason) implements Verdict {
    }

    /** Do not run stack.sh again; {@code why} goes into the failure paragraph. */
    record Stop(String why) implements Verdict {
    }

    /**
     * Before any fix-up runs: stop when the budget is spent, when the category repeats (not transient), or
     * when no allowed fix-up exists; re-run at once when the only fix-up withheld from an unclear call is unstack.
     *
     * @param runs       stack.sh runs so far, this one included
     * @param previous   the category of the previous failed run of this deploy, or null
     * @param allowed    the diagnosis's fix-ups that exist and that the spec allows, in the diagnosis's order
     * @param unknown    fix-up names the diagnosis gave that this provisioner does not have
     */
    static Verdict beforeFixups(Diagnosis diagnosis, int runs, int retries, String previous, List<FixupName> allowed,
                                List<String> unknown) {
        if (runs > retries) {
            return new Stop("gave up after " + runs + " runs of stack.sh (retries: " + retries + ")");
        }
        boolean transientFailure = diagnosis.fixups().contains(FixupName.RETRY.label());
        if (!transientFailure && diagnosis.category() != null && Objects.equals(previous, diagnosis.category())) {
            return new Stop(diagnosis.category() + " twice in a row: the fix-ups of the run before did not remove"
                    + " the cause, so another run would fail the same way");
        }
        if (allowed.isEmpty() && unknown.isEmpty()
                && diagnosis.withheldFixups().equals(List.of(FixupName.UNSTACK.label()))) {
            // a port in use: a previous run's service, or two of this run's on one port. The only fix-up withheld is
            // the unstack that precedes every re-run: one more run tells them apart (the same category twice stops)
            return new Retry("the call is not clear (" + diagnosis.category() + ", next best " + diagnosis.nextBest()
                    + "), and all its fix-up would do is the unstack every re-run gets: one more run");
        }
        if (allowed.isEmpty()) {
            if (!unknown.isEmpty()) {
                return new Stop("the diagnosis names fix-ups this provisioner does not have: " + String.join(", ", unknown));
            }
            return new Stop(diagnosis.fixups().isEmpty() ? "no automatic fix-up exists for this failure"
                    : "the spec does not allow the fix-ups " + diagnosis.fixups() + " (fixups:)");
        }
        return new ApplyFixups(allowed);
    }

    /**
     * After the fix-ups ran (each verified, or the step failed already): re-run only when one of them
     * changed something, or the failure is transient.
     *
     * @param changed the fix-ups that found something and applied a verified change
     */
    static Verdict afterFixups(List<FixupName> applied, List<FixupName> changed) {
        if (applied.contains(FixupName.RETRY)) {
            return new Retry("transient failure: " + FixupName.RETRY + " backs off and runs stack.sh again");
        }
        List<FixupName> waited = applied.stream().filter(FixupName::waitsOutAPassingCondition).toList();
        if (changed.isEmpty() && !waited.isEmpty()) {
            return new Retry("the condition " + labels(waited) + " waits for has passed");
        }
        if (changed.isEmpty()) {
            return new Stop("the fix-ups " + labels(applied) + " found nothing to change, so another run would fail"
                    + " the same way");
        }
        return new Retry("changed by " + labels(changed));
    }

    private static String labels(List<FixupName> names) {
        return String.join(", ", names.stream().map(FixupName::label).toList());
    }
}
