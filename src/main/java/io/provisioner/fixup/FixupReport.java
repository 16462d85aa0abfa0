package io.provisioner.fixup;

import java.util.List;

/**
 * What running one fix-up did. {@code detected}: the problem was there; {@code applied}: apply ran;
 * {@code verified}: the symptom is gone. {@code change} is what apply did, in a few words (null when it
 * did not run); {@code findings} and {@code detail} are the raw evidence, for the log file. Every text is
 * already masked.
 */
public record FixupReport(String name, boolean detected, boolean applied, boolean verified, List<String> findings,
                          String detail, String change) {
    private static final int LINE_LIMIT = 160;

    public FixupReport {
        findings = List.copyOf(findings);
    }

    /** One short line for the console, the journal and the reports: what changed and how it was verified. */
    public String summary() {
        String check = firstLine(detail);
        if (applied && verified) {
            return clip(change) + "; verified: " + clip(check);
        }
        if (!detected && verified) {
            return "nothing to change; " + clip(check);
        }
        return (applied ? clip(change) + "; " : "") + "not verified: " + clip(check);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline) + " ...";
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= LINE_LIMIT ? text : text.substring(0, LINE_LIMIT - 3) + "...";
    }
}
