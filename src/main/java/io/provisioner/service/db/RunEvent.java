package io.provisioner.service.db;

import java.time.Instant;

/** One stored event of a run: its per-run sequence number is the SSE id. {@code dataJson} is masked. */
public record RunEvent(String runId, long seq, Instant time, String kind, String host, String dataJson) {
}
