package io.provisioner.deploy;

import io.provisioner.spec.FixupName;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the journal says about one host of an earlier run: whether it already finished healthy, which
 * stack.sh attempt was running (to re-attach instead of starting another), how far its log was read, and
 * which fix-ups already completed (never repeated).
 */
public record HostResume(String run, boolean finishedHealthy, int attempt, boolean stackStarted,
                         boolean stackFinished, long logOffset, Set<DoneFixup> fixupsDone, String gitBase) {

    /** A fix-up that completed for one attempt (0: in preflight). */
    public record DoneFixup(int attempt, FixupName fixup) {
    }

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
        Set<DoneFixup> fixups = new HashSet<>();
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
                    if (r.state() == StepState.DONE) {
                        int forAttempt = Integer.parseInt(r.data().getOrDefault("attempt", "0"));
                        FixupStep.parse(r.step()).ifPresent(step -> fixups.add(new DoneFixup(forAttempt, step.fixup())));
                    }
                }
            }
        }
        return new HostResume(run, healthy, attempt, started, finished, offset, Set.copyOf(fixups), gitBase);
    }

    public boolean fixupDone(int forAttempt, FixupName fixup) {
        return fixupsDone.contains(new DoneFixup(forAttempt, fixup));
    }
}
