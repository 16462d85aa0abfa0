package io.provisioner.deploy;

/** How a step ended. */
public enum StepStatus {
    PASSED, WARNED, FAILED, SKIPPED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
