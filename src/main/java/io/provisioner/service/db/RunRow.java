package io.provisioner.service.db;

import java.time.Instant;

/**
 * One run as the database holds it. {@code specText} holds no secret (a submitted spec only references
 * secrets, or was masked when inline secrets were allowed); {@code hostNames} is {@code ,a,b,} for filtering.
 */
public record RunRow(String id, RunState state, String outcome, String submittedBy, Instant submittedAt,
                     Instant startedAt, Instant finishedAt, String instance, String specText, String requestJson,
                     String hostNames, String message, String reportJson, String junitXml, boolean cancelRequested,
                     int executions) {
}
