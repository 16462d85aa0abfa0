package io.provisioner.probe;

/** Ends a probe early with an outcome and a detail; thrown inside the probe core only. */
final class ProbeFailure extends Exception {
    private final ProbeOutcome outcome;

    ProbeFailure(ProbeOutcome outcome, String detail) {
        super(detail, null, false, false);
        this.outcome = outcome;
    }

    ProbeOutcome outcome() {
        return outcome;
    }

    String detail() {
        return getMessage();
    }
}
