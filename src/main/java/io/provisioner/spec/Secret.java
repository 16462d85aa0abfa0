package io.provisioner.spec;

import java.util.Objects;

/**
 * A resolved secret value. It never prints itself: {@link #toString()} is a mask, so a secret that
 * slips into a log line or a report shows as {@code ****}. Use {@link #reveal()} only where the value
 * must travel (stdin of a remote command, a 0600 file).
 */
public final class Secret {
    public static final String MASK = "****";
    private final String value;
    private final String reference;

    public Secret(String value, String reference) {
        this.value = Objects.requireNonNull(value, "value");
        this.reference = reference;
    }

    public static Secret literal(String value) {
        return new Secret(value, "literal");
    }

    public String reveal() {
        return value;
    }

    /** Where the value came from ({@code env:NAME}, {@code file:PATH} or {@code literal}); safe to print. */
    public String reference() {
        return reference;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret otherSecret && otherSecret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
