package io.provisioner.probe;

/** Ends a probe early with an outcome and a detail; thrown inside the probe core only. */
final class ProbeFailure extends Exception {
    private final Outcome outcome;

    ProbeFailure(Outcome outcome, String detail) {
        super(detail, null, false, false);
        this.outcome = outcome;
    }

    Outcome outcome() {
        return outcome;
    }

    String detail() {
        return getMessage();
    }
}
