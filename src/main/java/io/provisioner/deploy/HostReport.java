package io.provisioner.deploy;

import io.provisioner.diagnose.Diagnosis;
import io.provisioner.probe.ProbeResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the reports say about one host. {@code message} is the one clear paragraph a person reads on
 * failure (what broke, where, what was tried); {@code diagnosis} is the last one made, null on a clean run.
 * {@code log} is the last stack.sh run's local log, {@code attemptLogs} every run's, oldest first. Built with
 * {@link #builder}; changed with {@link #toBuilder}.
 */
public record HostReport(String host, String role, HostStatus status, int attempts, List<StepReport> steps,
                         List<String> fixupsApplied, Diagnosis diagnosis, List<ProbeResult> probes,
                         Map<String, Integer> timing, Map<String, String> facts, Path log, List<Path> attemptLogs,
                         String message) {
    public HostReport {
        steps = List.copyOf(steps);
        fixupsApplied = List.copyOf(fixupsApplied);
        probes = List.copyOf(probes);
        timing = Map.copyOf(timing);
        facts = Map.copyOf(facts);
        attemptLogs = List.copyOf(attemptLogs);
    }

    /** The fix-ups for a person: each named once, with a count when it ran before more than one retry. */
    public String fixupsNamed() {
        return FailureParagraph.counted(fixupsApplied);
    }

    public static Builder builder(String host, String role, HostStatus status) {
        return new Builder(host, role, status);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(host, role, status);
        builder.attempts = attempts;
        builder.steps = steps;
        builder.fixupsApplied = fixupsApplied;
        builder.diagnosis = diagnosis;
        builder.probes = probes;
        builder.timing = timing;
        builder.facts = facts;
        builder.log = log;
        builder.attemptLogs = attemptLogs;
        builder.message = message;
        return builder;
    }

    /** The wide record one field at a time; unset lists and maps are empty. */
    public static final class Builder {
        private final String host;
        private final String role;
        private HostStatus status;
        private int attempts;
        private List<StepReport> steps = List.of();
        private List<String> fixupsApplied = List.of();
        private Diagnosis diagnosis;
        private List<ProbeResult> probes = List.of();
        private Map<String, Integer> timing = Map.of();
        private Map<String, String> facts = Map.of();
        private Path log;
        private List<Path> attemptLogs = List.of();
        private String message;

        private Builder(String host, String role, HostStatus status) {
            this.host = host;
            this.role = role;
            this.status = status;
        }

        public Builder status(HostStatus value) {
            this.status = value;
            return this;
        }

        public Builder attempts(int value) {
            this.attempts = value;
            return this;
        }

        public Builder steps(List<StepReport> value) {
            this.steps = value;
            return this;
        }

        public Builder fixupsApplied(List<String> value) {
            this.fixupsApplied = value;
            return this;
        }

        public Builder diagnosis(Diagnosis value) {
            this.diagnosis = value;
            return this;
        }

        public Builder probes(List<ProbeResult> value) {
            this.probes = value;
            return this;
        }

        public Builder timing(Map<String, Integer> value) {
            this.timing = value;
            return this;
        }

        public Builder facts(Map<String, String> value) {
            this.facts = value;
            return this;
        }

        public Builder log(Path value) {
            this.log = value;
            return this;
        }

        public Builder attemptLogs(List<Path> value) {
            this.attemptLogs = value;
            return this;
        }

        public Builder message(String value) {
            this.message = value;
            return this;
        }

        public HostReport build() {
            return new HostReport(host, role, status, attempts, steps, fixupsApplied, diagnosis, probes, timing, facts,
                    log, attemptLogs, message);
        }
    }
}
