package io.provisioner.fixup;

import java.util.List;

/**
 * What running one fix-up did. {@code detected}: the problem was there; {@code applied}: apply ran;
 * {@code verified}: the symptom is gone. Every text is already masked.
 */
public record FixupReport(String name, boolean detected, boolean applied, boolean verified, List<String> findings,
                          String detail) {
    public FixupReport {
        findings = List.copyOf(findings);
    }
}
