package io.provisioner.deploy;

import io.provisioner.fixup.FixupReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The raw evidence of each fix-up (what detect found, what verify printed), appended to
 * {@code fixups.log} in the host's local directory: the console, journal and reports carry only the
 * fix-up's one-line summary. Texts arrive masked.
 */
final class FixupOutputLog {
    static final String FILE_NAME = "fixups.log";

    private FixupOutputLog() {
    }

    static void append(Path localDir, int attempt, FixupReport report) {
        StringBuilder entry = new StringBuilder();
        entry.append("== ").append(Instant.now()).append(' ').append(report.name()).append(attempt == 0
                ? " (preflight)" : " (attempt " + attempt + ")").append('\n');
        entry.append("summary: ").append(report.summary()).append('\n');
        report.findings().forEach(finding -> entry.append("found: ").append(finding).append('\n'));
        if (report.detail() != null) {
            entry.append("verify: ").append(report.detail()).append('\n');
        }
        try {
            Files.createDirectories(localDir);
            Files.writeString(localDir.resolve(FILE_NAME), entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + localDir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }
}
