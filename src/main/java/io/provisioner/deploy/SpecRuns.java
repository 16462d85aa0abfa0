package io.provisioner.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The journal's runs told apart by the spec each deployed ({@link SpecIdentity}). */
public final class SpecRuns {
    private final List<JournalRecord> records;
    private final Map<String, SpecIdentity> specOfRun = new HashMap<>();

    public SpecRuns(List<JournalRecord> records) {
        this.records = List.copyOf(records);
        for (JournalRecord record : records) {
            SpecIdentity.of(record).ifPresent(identity -> specOfRun.putIfAbsent(record.run(), identity));
        }
    }

    /** The records of this spec's runs, in order; a run that never said its spec belongs to none. */
    public List<JournalRecord> of(SpecIdentity spec) {
        List<JournalRecord> mine = new ArrayList<>();
        for (JournalRecord record : records) {
            if (spec.equals(specOfRun.get(record.run())) && !record.host().isEmpty()) {
                mine.add(record);
            }
        }
        return mine;
    }

    /** Every record of this spec's runs, the records that open them too (history dates a run from its opening). */
    public List<JournalRecord> withOpenings(SpecIdentity spec) {
        return records.stream().filter(record -> spec.equals(specOfRun.get(record.run()))).toList();
    }

    /** The latest run of another spec (or of none), when it is the journal's last run; for refusals. */
    public Optional<String> lastRunOfAnotherSpec(SpecIdentity spec) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        String last = records.get(records.size() - 1).run();
        SpecIdentity other = specOfRun.get(last);
        if (spec.equals(other)) {
            return Optional.empty();
        }
        return Optional.of("run " + last + " of " + (other == null ? "a spec it did not record" : other.describe()));
    }
}
