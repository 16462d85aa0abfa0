package io.provisioner.service.run;

import io.provisioner.deploy.DeployEngine;
import io.provisioner.deploy.DeployRequest;
import io.provisioner.deploy.EventSink;
import io.provisioner.deploy.FleetPreflight;
import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.Journal;
import io.provisioner.deploy.JournalRecord;
import io.provisioner.deploy.PreflightOptions;
import io.provisioner.deploy.RunStore;
import io.provisioner.deploy.SshHostConnector;
import io.provisioner.remote.Connector;
import io.provisioner.spec.Host;
import io.provisioner.spec.SecretMasker;
import io.provisioner.spec.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The service's one door into the deploy core. The core journals to a file in the run's state directory;
 * until it takes a {@link RunStore} itself, this adapter seeds that file from the store on resume and
 * mirrors every new record into the store while the deploy runs (every {@link #MIRROR_MILLIS} ms and at
 * the end), so another instance can resume the run from the database.
 */
public final class DeployLauncher {
    static final long MIRROR_MILLIS = 100;

    /** Deploys; {@code resume} re-attaches to a running or finished stack.sh and skips completed fix-ups. */
    public FleetReport deploy(Spec spec, Set<String> onlyHosts, int parallel, Path stateDir, RunStore store,
                              boolean resume, EventSink events) {
        List<JournalRecord> earlier = resume ? store.records() : List.of();
        int mirrored = seed(stateDir, earlier);
        DeployRequest request = new DeployRequest(spec, Set.copyOf(onlyHosts), Math.max(1, parallel),
                resume && !earlier.isEmpty(), stateDir, null, PreflightOptions.defaults());
        JournalMirror mirror = new JournalMirror(stateDir, store, mirrored);
        Thread follower = new Thread(mirror, "journal-mirror");
        follower.setDaemon(true);
        follower.start();
        try {
            return new DeployEngine(new SshHostConnector()).deploy(request, events);
        } finally {
            mirror.stop();
            try {
                follower.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mirror.copyNew();
        }
    }

    /** Read-only preflight checks of the spec's hosts (all when {@code onlyHosts} is empty). */
    public List<FleetPreflight.HostChecks> preflight(Spec spec, Set<String> onlyHosts) {
        List<Host> selected = spec.executionOrder().stream()
                .filter(h -> onlyHosts.isEmpty() || onlyHosts.contains(h.name())).toList();
        return new FleetPreflight(new SshHostConnector(new Connector(Connector.Backoff.NONE)), PreflightOptions.defaults())
                .run(selected, 50);
    }

    /** Writes the store's records into a fresh state directory's journal (resume on another instance). */
    private static int seed(Path stateDir, List<JournalRecord> earlier) {
        List<JournalRecord> local = Journal.read(stateDir);
        if (local.size() >= earlier.size()) {
            return local.size();
        }
        try (Journal journal = Journal.open(stateDir, SecretMasker.none())) {
            earlier.subList(local.size(), earlier.size()).forEach(journal::append);
        }
        return earlier.size();
    }

    /** Copies journal records from the file into the store as the deploy writes them. */
    private static final class JournalMirror implements Runnable {
        private final Path stateDir;
        private final RunStore store;
        private int copied;
        private volatile boolean running = true;

        JournalMirror(Path stateDir, RunStore store, int alreadyThere) {
            this.stateDir = stateDir;
            this.store = store;
            this.copied = alreadyThere;
        }

        @Override
        public void run() {
            while (running) {
                copyNew();
                try {
                    Thread.sleep(MIRROR_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        synchronized void copyNew() {
            List<JournalRecord> all = Journal.read(stateDir);
            for (int i = copied; i < all.size(); i++) {
                store.append(all.get(i));
                copied = i + 1;
            }
        }

        void stop() {
            running = false;
        }
    }
}
