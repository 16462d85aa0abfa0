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
        for (JournalRecord r : journal) {
            if (!r.run().equals(runOf.get(r.host()))) {
                runOf.put(r.host(), r.run());
                healthy.remove(r.host());
                data.put(r.host(), new LinkedHashMap<>());
            }
            last.put(r.host(), r);
            data.get(r.host()).putAll(r.data());
            if ("host".equals(r.step()) && r.state() != StepState.STARTED) {
                healthy.put(r.host(), r.state() == StepState.DONE);
            }
        }
        List<HostStatusView> out = new ArrayList<>();
        for (JournalRecord r : last.values()) {
            out.add(new HostStatusView(r.host(), r.run(), r.step(), r.state(), r.detail(), r.time(),
                    healthy.get(r.host()), Map.copyOf(data.get(r.host()))));
        }
        return out;
    }
}
