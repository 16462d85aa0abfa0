package io.provisioner.deploy;

/** A preflight check's verdict. */
public enum CheckStatus {
    PASS, WARN, FAIL, SKIPPED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
