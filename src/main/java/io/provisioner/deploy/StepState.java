package io.provisioner.deploy;

/** Where a host step stands in the journal. */
public enum StepState {
    STARTED, DONE, FAILED, SKIPPED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static StepState fromLabel(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
