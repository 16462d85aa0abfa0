package io.provisioner.report;

import io.provisioner.deploy.JournalRecord;
import io.provisioner.deploy.StepState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One past run as the journal tells it: when it started and last wrote, each host's outcome and how many
 * stack.sh attempts it took. Outcomes: {@code healthy}, {@code failed}, {@code interrupted} (a signal stopped
 * the provisioner), {@code unfinished} (the journal just stops: a crash, or still running).
 */
public record RunHistory(String run, Instant started, Instant lastWrite, List<HostRun> hosts) {

    /** One host in one run. */
    public record HostRun(String host, String outcome, int attempts) {
    }

    /** The run's outcome: healthy when every host is, else the worst host outcome. */
    public String outcome() {
        List<String> order = List.of("failed", "interrupted", "unfinished", "healthy");
        return hosts.stream().map(HostRun::outcome).min((left, right) -> order.indexOf(left) - order.indexOf(right))
                .orElse("unfinished");
    }

    /** Every run in the journal, oldest first. */
    public static List<RunHistory> fromJournal(List<JournalRecord> journal) {
        Map<String, Fold> runs = new LinkedHashMap<>();
        for (JournalRecord entry : journal) {
            runs.computeIfAbsent(entry.run(), id -> new Fold(id, entry.time())).add(entry);
        }
        return runs.values().stream().map(Fold::history).toList();
    }

    /** The records of one run, folded as they come. */
    private static final class Fold {
        private final String run;
        private final Instant started;
        private Instant lastWrite;
        private final Map<String, String> outcome = new LinkedHashMap<>();
        private final Map<String, Integer> attempts = new LinkedHashMap<>();

        Fold(String run, Instant started) {
            this.run = run;
            this.started = started;
            this.lastWrite = started;
        }

        void add(JournalRecord entry) {
            lastWrite = entry.time().isAfter(lastWrite) ? entry.time() : lastWrite;
            if (entry.host().isEmpty()) {
                return; // the record that opens a run with its spec identity belongs to no host
            }
            outcome.putIfAbsent(entry.host(), "unfinished");
            attempts.putIfAbsent(entry.host(), 0);
            if (entry.step().equals("stack")) {
                int attempt = Integer.parseInt(entry.data().getOrDefault("attempt", "1"));
                attempts.merge(entry.host(), attempt, Math::max);
            } else if (entry.step().equals("host") && entry.state() != StepState.STARTED) {
                outcome.put(entry.host(), entry.state() == StepState.DONE ? "healthy" : "failed");
            } else if (entry.step().equals("interrupted")) {
                outcome.put(entry.host(), "interrupted");
            }
        }

        RunHistory history() {
            List<HostRun> hosts = new ArrayList<>();
            outcome.forEach((host, result) -> hosts.add(new HostRun(host, result, attempts.get(host))));
            return new RunHistory(run, started, lastWrite, List.copyOf(hosts));
        }
    }
}
