package io.provisioner.deploy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code status}: the last run's state of each host as the journal tells it: the run, the last step and
 * its state, whether the host finished healthy, and facts recorded on the way (era, host IP).
 */
public record HostStatusView(String host, String run, String lastStep, StepState lastState, String detail,
                             Instant when, Boolean healthy, Map<String, String> data) {

    /** The hosts of {@code spec}'s runs only: other specs sharing the state directory are not this one's. */
    public static List<HostStatusView> fromJournal(List<JournalRecord> journal, SpecIdentity spec) {
        return fromJournal(new SpecRuns(journal).of(spec));
    }

    public static List<HostStatusView> fromJournal(List<JournalRecord> journal) {
        Map<String, JournalRecord> last = new LinkedHashMap<>();
        Map<String, Boolean> healthy = new LinkedHashMap<>();
        Map<String, Map<String, String>> data = new LinkedHashMap<>();
        Map<String, String> runOf = new LinkedHashMap<>();
        for (JournalRecord record : journal) {
            if (!record.run().equals(runOf.get(record.host()))) {
                runOf.put(record.host(), record.run());
                healthy.remove(record.host());
                data.put(record.host(), new LinkedHashMap<>());
            }
            last.put(record.host(), record);
            data.get(record.host()).putAll(record.data());
            if ("host".equals(record.step()) && record.state() != StepState.STARTED) {
                healthy.put(record.host(), record.state() == StepState.DONE);
            }
        }
        List<HostStatusView> out = new ArrayList<>();
        for (JournalRecord record : last.values()) {
            out.add(new HostStatusView(record.host(), record.run(), record.step(), record.state(), record.detail(),
                    record.time(),
                    healthy.get(record.host()), Map.copyOf(data.get(record.host()))));
        }
        return out;
    }
}
