package io.provisioner.report;

import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.HostReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code --report-dir DIR}: report.json, junit.xml, and each host's stack.sh logs (masked copies): every
 * attempt's as {@code HOST-stack-N.log}, the last one also as {@code HOST-stack.sh.log}.
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    public static void write(Path dir, FleetReport fleet) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.json"), JsonReport.render(fleet), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("junit.xml"), JunitReport.render(fleet), StandardCharsets.UTF_8);
            for (HostReport report : fleet.hosts()) {
                if (report.log() != null && Files.exists(report.log())) {
                    Files.copy(report.log(), dir.resolve(report.host() + "-stack.sh.log"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
                for (Path log : report.attemptLogs()) {
                    if (Files.exists(log)) {
                        Files.copy(log, dir.resolve(report.host() + "-" + log.getFileName()),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }
}
