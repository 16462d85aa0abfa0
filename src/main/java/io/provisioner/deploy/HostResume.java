package io.provisioner.deploy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the journal says about one host of an earlier run: whether it already finished healthy, which
 * stack.sh attempt was running (to re-attach instead of starting another), how far its log was read, and
 * which fix-ups already completed (never repeated).
 */
public record HostResume(String run, boolean finishedHealthy, int attempt, boolean stackStarted,
                         boolean stackFinished, long logOffset, Set<String> fixupsDone, String gitBase) {

    public static HostResume fresh() {
        return new HostResume(null, false, 0, false, false, 0, Set.of(), null);
    }

    /** Folds the host's records of the latest run in the journal. */
    public static HostResume from(List<JournalRecord> journal, String host) {
        String run = null;
        for (JournalRecord r : journal) {
            if (r.host().equals(host)) {
                run = r.run();
            }
        }
        if (run == null) {
            return fresh();
        }
        boolean healthy = false;
        int attempt = 0;
        boolean started = false;
        boolean finished = false;
        long offset = 0;
        String gitBase = null;
        Set<String> fixups = new HashSet<>();
        for (JournalRecord r : journal) {
            if (!r.host().equals(host) || !r.run().equals(run)) {
                continue;
            }
            switch (r.step()) {
                case "host" -> healthy = r.state() == StepState.DONE;
                case "preflight" -> gitBase = r.data().getOrDefault("git_base", gitBase);
                case "stack" -> {
                    int a = Integer.parseInt(r.data().getOrDefault("attempt", "1"));
                    if (a != attempt) {
                        attempt = a;
                        offset = 0;
                    }
                    started = true;
                    finished = r.state() == StepState.DONE || r.state() == StepState.FAILED;
                    offset = Math.max(offset, Long.parseLong(r.data().getOrDefault("offset", "0")));
                }
                default -> {
                    if (r.step().startsWith("fixup:") && r.state() == StepState.DONE) {
                        fixups.add(r.data().getOrDefault("attempt", "0") + ":" + r.step().substring(6));
                    }
                }
            }
        }
        return new HostResume(run, healthy, attempt, started, finished, offset, Set.copyOf(fixups), gitBase);
    }

    public boolean fixupDone(int forAttempt, String name) {
        return fixupsDone.contains(forAttempt + ":" + name);
    }
}
