package io.provisioner.deploy;

import io.provisioner.remote.RemoteException;
import io.provisioner.spec.SecretMasker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a host step and records it everywhere at once: the journal (started / done / failed), the event
 * stream, and the step list of the host report. Messages are masked before they leave.
 */
final class StepRecorder {
    private final String host;
    private final RunJournal journal;
    private final EventSink events;
    private final SecretMasker masker;
    private final List<StepReport> reports = new ArrayList<>();
    private String lastDetail = "";

    StepRecorder(String host, RunJournal journal, EventSink events, SecretMasker masker) {
        this.host = host;
        this.journal = journal;
        this.events = events;
        this.masker = masker;
    }

    StepRecorder(HostRunContext context) {
        this(context.host().name(), context.journal(), context.events(), context.masker());
    }

    interface Body<T> {
        T get() throws RemoteException;
    }

    <T> T run(String step, int attempt, Body<T> body, Function<T, String> describe) throws RemoteException {
        return run(step, attempt, body, describe, result -> StepStatus.PASSED);
    }

    /**
     * Runs a step whose result can itself be a failure (stack.sh that exited non-zero): {@code judge} says
     * which status the step ends with, in the journal, the events and the reports alike.
     */
    <T> T run(String step, int attempt, Body<T> body, Function<T, String> describe, Function<T, StepStatus> judge)
            throws RemoteException {
        return run(step, attempt, body, describe, judge, Map.of("attempt", String.valueOf(attempt)));
    }

    <T> T run(String step, int attempt, Body<T> body, Function<T, String> describe, Function<T, StepStatus> judge,
              Map<String, String> data) throws RemoteException {
        Instant start = Instant.now();
        journal.append(host, step, StepState.STARTED, null, data);
        events.accept(new DeployEvent.StepStarted(host, step, attempt));
        try {
            T result = body.get();
            StepStatus status = judge.apply(result);
            finish(step, attempt, start, status, describe.apply(result),
                    status == StepStatus.FAILED ? StepState.FAILED : StepState.DONE, data);
            return result;
        } catch (StepFailedException | RemoteException e) {
            finish(step, attempt, start, StepStatus.FAILED, e.getMessage(), StepState.FAILED, data);
            throw e;
        } catch (RuntimeException e) {
            finish(step, attempt, start, StepStatus.FAILED, "internal error: " + e, StepState.FAILED, data);
            throw new StepFailedException(step + " failed: " + e.getMessage());
        }
    }

    private void finish(String step, int attempt, Instant start, StepStatus status, String detail, StepState state,
                        Map<String, String> data) {
        Duration took = Duration.between(start, Instant.now());
        String masked = masker.mask(detail == null ? "" : detail);
        lastDetail = masked;
        synchronized (reports) {
            reports.add(new StepReport(step, attempt, status, took, masked));
        }
        journal.append(host, step, state, masked, data);
        events.accept(new DeployEvent.StepFinished(host, step, attempt, status, took, masked));
    }

    void journalHost(StepState state, String detail) {
        journal.append(host, "host", state, detail, Map.of());
    }

    String lastDetail() {
        return lastDetail;
    }

    List<StepReport> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }
}
