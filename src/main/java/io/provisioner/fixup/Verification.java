package io.provisioner.fixup;

/** Whether the symptom is gone, with the evidence in one line. */
public record Verification(boolean passed, String detail) {
    public static Verification passed(String detail) {
        return new Verification(true, detail);
    }

    public static Verification failed(String detail) {
        return new Verification(false, detail);
    }
}
