package io.provisioner.diagnose;

import java.util.Locale;

/**
 * How sure the diagnosis is of its category. HIGH: a message rule named it and nothing about where DevStack failed
 * speaks against it (fix-ups are offered only then). MEDIUM: one family leads but another competes, or only the
 * structure (function chain, command, die message) names it. LOW: a weak hint only.
 */
public enum Confidence {
    HIGH, MEDIUM, LOW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
