package io.provisioner.diagnose;

/** How the run ended, as far as the log tells. */
public enum LogOutcome {
    SUCCEEDED,
    FAILED,
    /** The log ends while stack.sh was still running (or hanging, e.g. at a password prompt). */
    INCOMPLETE,
    /** The input is not a stack.sh log at all (empty, binary, or no line DevStack would print). */
    NOT_A_LOG;

    /** The JSON/text label: succeeded, failed, incomplete, not-a-log. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
