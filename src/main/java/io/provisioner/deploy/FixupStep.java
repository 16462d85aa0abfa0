package io.provisioner.deploy;

import io.provisioner.spec.FixupName;

import java.util.Optional;

/** The journal and report name of a fix-up step, {@code fixup:NAME}, and its parse back. */
record FixupStep(FixupName fixup) {
    private static final String PREFIX = "fixup:";

    String stepName() {
        return PREFIX + fixup.label();
    }

    static Optional<FixupStep> parse(String step) {
        if (!step.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return FixupName.parse(step.substring(PREFIX.length())).map(FixupStep::new);
    }
}
