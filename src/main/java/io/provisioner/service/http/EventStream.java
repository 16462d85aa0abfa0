package io.provisioner.service.http;

import io.provisioner.service.db.DatabaseUnavailableException;
import io.provisioner.service.db.EventRepository;
import io.provisioner.service.db.RunEvent;
import io.provisioner.service.db.RunRepository;
import io.provisioner.service.db.RunRow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /runs/{id}/events}: Server-Sent Events from the stored events, each with its sequence number
 * as {@code id}, so a client that reconnects with {@code Last-Event-ID} (or {@code ?after=N}) misses
 * nothing and sees nothing twice. The stream ends after the run's terminal {@code finished} event; a
 * client that goes away ends it at the next write; a keep-alive comment goes out every 15 s.
 */
final class EventStream {
    static final long POLL_MILLIS = 250;
    static final long KEEPALIVE_MILLIS = 15_000;
    static final long DATABASE_PATIENCE_MILLIS = 30_000;
    private final EventRepository events;
    private final RunRepository runs;
    private final Semaphore streams;

    EventStream(EventRepository events, RunRepository runs, int maxStreams) {
        this.events = events;
        this.runs = runs;
        this.streams = new Semaphore(maxStreams);
    }

    void serve(HttpCall call) throws IOException {
        String runId = call.pathParam(0);
        RunRow run = runs.find(runId).orElseThrow(() -> new ApiError(404, "no run '" + runId + "'"));
        long after = startAfter(call);
        if (!streams.tryAcquire()) {
            call.header("Retry-After", "5");
            throw new ApiError(503, "too many event streams open on this instance; retry shortly");
        }
        try {
            call.header("X-Accel-Buffering", "no");
            OutputStream out = call.stream(200, "text/event-stream; charset=utf-8");
            out.write(("retry: 2000\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            long lastWrite = System.currentTimeMillis();
            long lastAnswer = System.currentTimeMillis();
            boolean ended = false;
            while (!ended) {
                List<RunEvent> batch;
                Optional<RunRow> now;
                try {
                    batch = events.after(runId, after, 500);
                    now = batch.isEmpty() ? runs.find(runId) : Optional.of(run);
                    lastAnswer = System.currentTimeMillis();
                } catch (DatabaseUnavailableException e) {
                    if (System.currentTimeMillis() - lastAnswer > DATABASE_PATIENCE_MILLIS) {
                        return;
                    }
                    batch = List.of();
                    now = Optional.of(run);
                }
                for (RunEvent e : batch) {
                    out.write(("id: " + e.seq() + "\nevent: " + e.kind() + "\ndata: " + e.dataJson() + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    after = e.seq();
                    ended |= "finished".equals(e.kind());
                }
                if (!batch.isEmpty()) {
                    out.flush();
                    lastWrite = System.currentTimeMillis();
                    continue;
                }
                if (now.isPresent() && now.get().state().isFinal() && !ended) {
                    // every event is stored before the state turns final; none left means none will come
                    ended = now.get().state().isFinal() && events.after(runId, after, 1).isEmpty();
                    if (ended) {
                        break;
                    }
                }
                if (System.currentTimeMillis() - lastWrite > KEEPALIVE_MILLIS) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.currentTimeMillis();
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            out.close();
        } finally {
            streams.release();
        }
    }

    private static long startAfter(HttpCall call) {
        String last = call.header("Last-Event-ID");
        if (last == null) {
            last = call.query().get("after");
        }
        if (last == null || last.isBlank()) {
            return 0;
        }
        try {
            long lastId = Long.parseLong(last.strip());
            if (lastId < 0) {
                throw new NumberFormatException();
            }
            return lastId;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "Last-Event-ID '" + last + "' is not an event id (a whole number >= 0)");
        }
    }
}
