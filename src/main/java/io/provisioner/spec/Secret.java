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
    private final boolean withheld;

    public Secret(String value, String reference) {
        this(value, reference, false);
    }

    private Secret(String value, String reference, boolean withheld) {
        this.value = Objects.requireNonNull(value, "value");
        this.reference = reference;
        this.withheld = withheld;
    }

    /**
     * A reference that was not looked up, for commands that never use the value (history, status): a person
     * without the secrets can still read the journal. Its value cannot be revealed.
     */
    static Secret withheld(String reference) {
        return new Secret("", reference, true);
    }

    /** True for a reference this command did not look up ({@link #withheld}); {@link #reveal()} would throw. */
    public boolean isWithheld() {
        return withheld;
    }

    public static Secret literal(String value) {
        return new Secret(value, "literal");
    }

    public String reveal() {
        if (withheld) {
            throw new IllegalStateException("secret " + reference + " was not looked up for this command");
        }
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
