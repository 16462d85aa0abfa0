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
        for (JournalRecord record : journal) {
            if (record.host().equals(host)) {
                run = record.run();
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
        for (JournalRecord record : journal) {
            if (!record.host().equals(host) || !record.run().equals(run)) {
                continue;
            }
            switch (record.step()) {
                case "host" -> healthy = record.state() == StepState.DONE;
                case "preflight" -> gitBase = record.data().getOrDefault("git_base", gitBase);
                case "stack" -> {
                    int recordedAttempt = Integer.parseInt(record.data().getOrDefault("attempt", "1"));
                    if (recordedAttempt != attempt) {
                        attempt = recordedAttempt;
                        offset = 0;
                    }
                    started = true;
                    finished = record.state() == StepState.DONE || record.state() == StepState.FAILED;
                    offset = Math.max(offset, Long.parseLong(record.data().getOrDefault("offset", "0")));
                }
                default -> {
                    if (record.state() == StepState.DONE) {
                        int forAttempt = Integer.parseInt(record.data().getOrDefault("attempt", "0"));
                        FixupStep.parse(record.step()).ifPresent(step -> fixups.add(new DoneFixup(forAttempt,
                                step.fixup())));
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
