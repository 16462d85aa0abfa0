package io.provisioner.cli;

import io.provisioner.deploy.DeployEvent;
import io.provisioner.deploy.EventSink;
import io.provisioner.deploy.Journal;
import io.provisioner.deploy.JournalRecord;
import io.provisioner.deploy.StepState;
import io.provisioner.spec.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Ctrl-C or SIGTERM leaves behind, said and journaled on the way out (a JVM shutdown hook; the JVM then
 * exits 130 or 143). stack.sh runs detached on the hosts and keeps going: the notice names the hosts where it
 * runs and the command that re-attaches, journals the interruption for each host still in progress, and
 * closes what must not outlive the provisioner (the sandbox lab, which removes its directory).
 */
final class InterruptNotice implements EventSink {
    static final String STEP = "interrupted";

    private final Spec spec;
    private final Path stateDir;
    private final PrintWriter err;
    private final List<AutoCloseable> closeOnInterrupt;
    private final Set<String> inProgress = new LinkedHashSet<>();
    private final Set<String> stackRunning = new LinkedHashSet<>();
    private boolean finished;
    /** Journal records written before this deploy started: an earlier run's hosts are not this run's. */
    private int recordsBefore;

    InterruptNotice(Spec spec, Path stateDir, PrintWriter err, List<AutoCloseable> closeOnInterrupt) {
        this.spec = spec;
        this.stateDir = stateDir;
        this.err = err;
        this.closeOnInterrupt = List.copyOf(closeOnInterrupt);
    }

    @Override
    public synchronized void accept(DeployEvent event) {
        if (event instanceof DeployEvent.StepStarted started) {
            inProgress.add(started.host());
            if (started.step().equals("stack")) {
                stackRunning.add(started.host());
            }
        } else if (event instanceof DeployEvent.StepFinished ended && ended.step().equals("stack")) {
            stackRunning.remove(ended.host());
        } else if (event instanceof DeployEvent.HostFinished done) {
            inProgress.remove(done.host());
            stackRunning.remove(done.host());
        }
    }

    /** Registers the shutdown hook for the length of one deploy. */
    Armed arm() {
        recordsBefore = readJournal().size();
        Thread hook = new Thread(this::interrupted, "deploy-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Armed(hook);
    }

    /** The shutdown hook's work: say, journal, close. */
    void interrupted() {
        List<String> running;
        List<String> unfinished;
        synchronized (this) {
            if (finished) {
                return;
            }
            running = new ArrayList<>(stackRunning);
            unfinished = new ArrayList<>(inProgress);
        }
        boolean sandbox = !closeOnInterrupt.isEmpty();
        err.println();
        err.println(message(running, sandbox));
        err.flush();
        journal(unfinished, running);
        for (AutoCloseable resource : closeOnInterrupt) {
            try {
                resource.close();
            } catch (Exception e) {
                err.println("warning: could not clean up " + resource + ": " + e.getMessage());
            }
        }
        err.flush();
    }

    String message(List<String> running, boolean sandbox) {
        String hosts = String.join(", ", running);
        if (sandbox) {
            return "interrupted: the sandbox and its hosts are stopped" + (running.isEmpty() ? ""
                    : " (stack.sh was running on " + hosts + ")") + "; nothing keeps running";
        }
        String resume = "'provisioner deploy -f " + spec.file() + " --resume'";
        if (running.isEmpty()) {
            return "interrupted: no stack.sh was running; " + resume + " continues where this run stopped";
        }
        return "interrupted: stack.sh is still running on " + hosts + " (detached, it keeps going); "
                + resume + " re-attaches to it and continues";
    }

    /** One record per host still in progress, in the run it belongs to, so status and history show the stop. */
    private void journal(List<String> unfinished, List<String> running) {
        if (unfinished.isEmpty()) {
            return;
        }
        Map<String, String> runOf = new LinkedHashMap<>();
        try {
            List<JournalRecord> records = readJournal();
            for (JournalRecord record : records.subList(Math.min(recordsBefore, records.size()), records.size())) {
                runOf.put(record.host(), record.run());
            }
            try (Journal journal = Journal.open(stateDir, spec.masker())) {
                for (String host : unfinished) {
                    String run = runOf.get(host);
                    if (run != null) {
                        journal.append(run, host, STEP, StepState.FAILED, running.contains(host)
                                ? "provisioner stopped by a signal; stack.sh still running on the host"
                                : "provisioner stopped by a signal", Map.of());
                    }
                }
            }
        } catch (RuntimeException e) {
            err.println("warning: could not journal the interruption in " + stateDir + ": " + e.getMessage());
        }
    }

    private List<JournalRecord> readJournal() {
        try {
            return Journal.read(stateDir);
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }

    /** The hook of one deploy; closing it (the deploy ended by itself) unregisters it. */
    final class Armed implements AutoCloseable {
        private final Thread hook;

        private Armed(Thread hook) {
            this.hook = hook;
        }

        @Override
        public void close() {
            synchronized (InterruptNotice.this) {
                finished = true;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or has run; finished=true keeps it quiet
            }
        }
    }
}
