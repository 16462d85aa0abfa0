package io.provisioner.service.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.deploy.DeployEvent;
import io.provisioner.deploy.EventSink;
import io.provisioner.deploy.HostReport;
import io.provisioner.service.db.EventRepository;
import io.provisioner.service.db.Outages;
import io.provisioner.service.db.RunEvent;
import io.provisioner.spec.SecretMasker;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's deploy events, stored in order with a per-run sequence number (the SSE id) so a client can
 * replay from any point. Progress lines are kept to at most one per host per {@link #PROGRESS_EVERY};
 * every text is masked; a database outage is waited out.
 */
public final class RunEventRecorder implements EventSink {
    static final Duration PROGRESS_EVERY = Duration.ofMillis(500);
    private static final Duration OUTAGE_BUDGET = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventRepository events;
    private final String runId;
    private final SecretMasker masker;
    private final AtomicLong seq;
    private final Map<String, Instant> lastProgress = new ConcurrentHashMap<>();

    public RunEventRecorder(EventRepository events, String runId, SecretMasker masker) {
        this.events = events;
        this.runId = runId;
        this.masker = masker;
        this.seq = new AtomicLong(Outages.retry(OUTAGE_BUDGET, () -> events.lastSeq(runId)));
    }

    @Override
    public void accept(DeployEvent event) {
        ObjectNode data = JSON.createObjectNode();
        data.put("host", event.host());
        String kind;
        if (event instanceof DeployEvent.StepStarted started) {
            kind = "step_started";
            data.put("step", started.step());
            data.put("attempt", started.attempt());
        } else if (event instanceof DeployEvent.StepFinished finished) {
            kind = "step_finished";
            data.put("step", finished.step());
            data.put("attempt", finished.attempt());
            data.put("status", finished.status().label());
            data.put("duration_ms", finished.took().toMillis());
            data.put("detail", masker.mask(finished.detail()));
        } else if (event instanceof DeployEvent.Progress progress) {
            Instant now = Instant.now();
            Instant last = lastProgress.get(progress.host());
            if (last != null && Duration.between(last, now).compareTo(PROGRESS_EVERY) < 0) {
                return;
            }
            lastProgress.put(progress.host(), now);
            kind = "progress";
            data.put("phase", progress.phase());
            data.put("elapsed_ms", progress.elapsed().toMillis());
            data.put("last_line", masker.mask(progress.lastLine()));
        } else if (event instanceof DeployEvent.HostFinished hostFinished) {
            kind = "host_finished";
            HostReport report = hostFinished.report();
            data.put("status", report.status().label());
            data.put("attempts", report.attempts());
            report.fixupsApplied().forEach(data.putArray("fixups_applied")::add);
            if (report.diagnosis() != null) {
                ObjectNode diagnosis = data.putObject("diagnosis");
                diagnosis.put("outcome", report.diagnosis().outcome().label());
                diagnosis.put("category", report.diagnosis().category());
                diagnosis.put("summary", masker.mask(report.diagnosis().summary()));
            }
            data.put("message", masker.mask(report.message()));
        } else {
            return;
        }
        store(kind, event.host(), data);
    }

    /** A run-level event (state changes, the terminal "finished"); host is null. */
    public void runEvent(String kind, ObjectNode data) {
        store(kind, null, data);
    }

    private synchronized void store(String kind, String host, ObjectNode data) {
        RunEvent e = new RunEvent(runId, seq.incrementAndGet(), Instant.now(), kind, host, data.toString());
        Outages.retry(OUTAGE_BUDGET, () -> {
            events.insert(e);
            return null;
        });
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
