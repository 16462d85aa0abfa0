package io.provisioner.service.run;

import io.provisioner.deploy.DeployEvent;
import io.provisioner.deploy.EventSink;
import io.provisioner.service.db.LogRepository;
import io.provisioner.service.db.Outages;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores each host's stack.sh log while the run goes, one log per attempt, from the deploy's masked
 * {@link DeployEvent.LogLine}s. Writes are bounded: lines are batched into one chunk per {@link #FLUSH_BYTES}
 * or {@link #FLUSH_EVERY} (the run's timer calls {@link #flushDue}), and when the attempt's stack step ends.
 * <p>
 * An instance that takes a run over finds the log stored so far and keeps it. A re-attached deploy
 * ({@code reattach}: a real host's stack.sh followed again) delivers the attempt's lines again from its first
 * line: the bytes already stored are skipped, so the log goes on where it stopped. A deploy that starts
 * stack.sh again (a sandbox run started over on new hosts) appends a line saying so, then the new lines.
 */
public final class LiveLogRecorder implements EventSink, AutoCloseable {
    static final int FLUSH_BYTES = 64 * 1024;
    static final Duration FLUSH_EVERY = Duration.ofMillis(500);
    private static final Duration OUTAGE_BUDGET = Duration.ofSeconds(60);

    private final LogRepository logs;
    private final String runId;
    private final boolean reattach;
    private final String instance;
    private final Map<String, AttemptLog> open = new ConcurrentHashMap<>();

    public LiveLogRecorder(LogRepository logs, String runId, boolean reattach, String instance) {
        this.logs = logs;
        this.runId = runId;
        this.reattach = reattach;
        this.instance = instance;
    }

    @Override
    public void accept(DeployEvent event) {
        if (event instanceof DeployEvent.LogLine line) {
            open.computeIfAbsent(line.host() + "\n" + line.attempt(), key -> new AttemptLog(line.host(), line.attempt()))
                    .add(line.text());
        } else if (event instanceof DeployEvent.StepFinished step && step.step().equals("stack")) {
            AttemptLog log = open.get(step.host() + "\n" + step.attempt());
            if (log != null) {
                log.flush();
            }
        } else if (event instanceof DeployEvent.HostFinished) {
            open.values().stream().filter(log -> log.host.equals(event.host())).forEach(AttemptLog::flush);
        }
    }

    /** Stores what has waited {@link #FLUSH_EVERY} or longer; a database away now is tried again next time, not waited out. */
    public void flushDue() {
        long now = System.nanoTime();
        for (AttemptLog log : open.values()) {
            try {
                log.flushIfWaitedSince(now);
            } catch (RuntimeException databaseAway) {
                // the lines stay pending; the next call or the next line tries again
            }
        }
    }

    /** The hosts that have a live log in this run. */
    public java.util.Set<String> hosts() {
        return open.values().stream().map(log -> log.host).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void close() {
        open.values().forEach(AttemptLog::flush);
    }

    /** One attempt's log: the bytes stored, the lines waiting to be. */
    private final class AttemptLog {
        private final String host;
        private final int attempt;
        private final StringBuilder pending = new StringBuilder();
        private long stored = -1;
        private long toSkip;
        private int pendingBytes;
        private long pendingSince;

        AttemptLog(String host, int attempt) {
            this.host = host;
            this.attempt = attempt;
        }

        synchronized void add(String line) {
            if (stored < 0) {
                begin();
            }
            String text = line + "\n";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (toSkip >= bytes.length) {
                toSkip -= bytes.length;
                return;
            }
            if (toSkip > 0) {
                text = new String(bytes, (int) toSkip, bytes.length - (int) toSkip, StandardCharsets.UTF_8);
                toSkip = 0;
            }
            hold(text);
            if (pendingBytes >= FLUSH_BYTES || System.nanoTime() - pendingSince >= FLUSH_EVERY.toNanos()) {
                flush();
            }
        }

        private void begin() {
            stored = Outages.retry(OUTAGE_BUDGET, () -> logs.length(runId, host, attempt));
            if (stored == 0) {
                return;
            }
            if (reattach) {
                toSkip = stored;
            } else {
                hold("-- provisioner: instance " + instance + " took this run over and started stack.sh attempt "
                        + attempt + " again; the lines above are from before --\n");
            }
        }

        private void hold(String text) {
            if (pending.length() == 0) {
                pendingSince = System.nanoTime();
            }
            pending.append(text);
            pendingBytes += text.getBytes(StandardCharsets.UTF_8).length;
        }

        synchronized void flushIfWaitedSince(long now) {
            if (pending.length() > 0 && now - pendingSince >= FLUSH_EVERY.toNanos()) {
                store(Duration.ZERO); // the timer does not wait out an outage: the next line or tick tries again
            }
        }

        synchronized void flush() {
            store(OUTAGE_BUDGET);
        }

        private void store(Duration outageBudget) {
            if (pending.length() == 0) {
                return;
            }
            String text = pending.toString();
            long offset = stored;
            Outages.retry(outageBudget, () -> {
                logs.appendChunk(runId, host, attempt, offset, text);
                return null;
            });
            stored += pendingBytes;
            pending.setLength(0);
            pendingBytes = 0;
        }
    }
}
