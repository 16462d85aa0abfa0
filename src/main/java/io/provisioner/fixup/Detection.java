package io.provisioner.fixup;

import java.util.List;

/** What detect found: whether the problem is there, and the facts that say so (one line each). */
public record Detection(boolean found, List<String> findings) {
    public Detection {
        findings = List.copyOf(findings);
    }

    public static Detection found(List<String> findings) {
        return new Detection(true, findings);
    }

    public static Detection clean(String why) {
        return new Detection(false, List.of(why));
    }
}
