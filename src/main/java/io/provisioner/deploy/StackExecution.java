package io.provisioner.deploy;

import io.provisioner.devstack.Era;
import io.provisioner.devstack.LogLine;
import io.provisioner.devstack.StackLogReader;
import io.provisioner.devstack.StackLogSummary;
import io.provisioner.plan.StackRunLayout;
import io.provisioner.remote.DetachedRun;
import io.provisioner.remote.DetachedRunBusyException;
import io.provisioner.remote.DetachedSpec;
import io.provisioner.remote.DetachedStatus;
import io.provisioner.remote.LogFollower;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.Host;
import io.provisioner.spec.SecretMasker;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stack.sh run: started detached on the target ({@code </dev/null}, log file, exit file, lock held
 * for its lifetime), then followed by byte offset through connection drops. Each line feeds the log
 * model (phase for progress, summary facts, timing table) and a masked local copy of the log; the offset
 * is journaled every few seconds. After a failed poll the connection is dropped and reopened by
 * {@link TargetSession#reconnect} (capped back-off for up to {@code timeouts.command}, which also bounds
 * the whole outage); the loss and the reconnect are journaled with the byte offset the follow resumes at.
 */
final class StackExecution {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration JOURNAL_EVERY = Duration.ofSeconds(5);
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(250);

    private final TargetSession session;
    private final Host host;
    private final int attempt;
    private final RunJournal journal;
    private final EventSink events;
    private final Path localDir;
    private final SecretMasker masker;
    private final TargetLease lease;

    StackExecution(HostRunContext context, int attempt) {
        this.lease = context.lease();
        this.session = context.session();
        this.host = context.host();
        this.attempt = attempt;
        this.journal = context.journal();
        this.events = context.events();
        this.localDir = context.localDir();
        this.masker = context.masker();
    }

    /** The detached run of this attempt: the same names on every call, so a resume finds it again. */
    static DetachedSpec spec(Host host, int attempt) {
        StackRunLayout layout = StackRunLayout.of(host, attempt);
        return new DetachedSpec(layout.id(), layout.argv(), layout.workDir(), layout.logFile(), layout.exitFile(),
                layout.lockFile(), Map.of(), null);
    }

    /**
     * Starts (unless {@code attach}) and follows to the end. The local copy is rebuilt from byte 0 even on
     * a resume: it is masked, so its offsets differ from the target's; the target's log is the truth.
     */
    StackOutcome run(boolean attach) throws RemoteException {
        DetachedSpec spec = spec(host, attempt);
        Instant start = Instant.now();
        if (!attach) {
            start(spec);
        }
        journal.append(host.name(), "stack", StepState.STARTED, attach ? "re-attached" : "started",
                Map.of("attempt", String.valueOf(attempt), "offset", "0", "log", spec.logFile()));
        Path local = localDir.resolve("stack-" + attempt + ".log");
        StackLogReader reader = new StackLogReader();
        try (LeaseHeartbeat ignored = LeaseHeartbeat.start(session, lease);
             BufferedWriter copy = open(local)) {
            Sink sink = new Sink(reader, copy, start);
            ReconnectingShells shells = new ReconnectingShells();
            LogFollower follower = new LogFollower(shells, spec, 0, sink);
            sink.follower = follower;
            shells.follower = follower;
            DetachedStatus end = follower.followToEnd(POLL, host.timeouts().command());
            copy.flush();
            StackLogSummary summary = reader.summary();
            int exit = end.finished() ? end.exitCode() : -1;
            journal.append(host.name(), "stack", exit == 0 ? StepState.DONE : StepState.FAILED,
                    end.finished() ? "exit " + exit : "stack.sh vanished without an exit status (" + end.state() + ")",
                    Map.of("attempt", String.valueOf(attempt), "offset", String.valueOf(follower.offset()),
                            "era", era(summary).name(), "host_ip", summary.facts().getOrDefault("host_ip", "")));
            return new StackOutcome(exit, local, Duration.between(start, Instant.now()), era(summary),
                    facts(summary), timing(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local log copy " + local + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the run. Starting is idempotent (a finished run or our own live one is reported, not run
     * again), so when the link drops before the launcher's answer arrives, the start is simply asked again
     * on a new connection: stack.sh may already be running, and then it is followed, not started twice.
     */
    private void start(DetachedSpec spec) throws RemoteException {
        RemoteShell shell = session.shell();
        while (true) {
            try {
                DetachedRun.start(shell, spec);
                return;
            } catch (DetachedRunBusyException busy) {
                if (!busy.getMessage().contains(spec.id())) {
                    throw new StepFailedException("stack.sh is already running on " + host.name() + ": "
                            + busy.getMessage());
                }
                return; // our own run (from before a crash or a drop): follow it instead of starting another
            } catch (RemoteException e) {
                if (!e.failure().isTransient()) {
                    throw e;
                }
                shell = session.reconnect(); // gives up, with the transport error, after timeouts.command
            }
        }
    }

    private static Era era(StackLogSummary summary) {
        return summary.era() == null ? Era.CURRENT : summary.era();
    }

    private Map<String, String> facts(StackLogSummary summary) {
        Map<String, String> out = new LinkedHashMap<>();
        summary.facts().forEach((key, value) -> out.put(key, masker.mask(value)));
        return out;
    }

    private static Map<String, Integer> timing(StackLogSummary summary) {
        Map<String, Integer> out = new LinkedHashMap<>();
        summary.timing().forEach((phase, seconds) -> out.put(phase, seconds.intValue()));
        return out;
    }

    private static BufferedWriter open(Path local) throws IOException {
        Files.createDirectories(local.getParent());
        return Files.newBufferedWriter(local, StandardCharsets.UTF_8);
    }

    /**
     * The follower's shell. A new outage (a poll failed since the last call) means the connection is stale:
     * a stalled TCP connection can hang every later command, so it is replaced rather than reused.
     */
    private final class ReconnectingShells implements LogFollower.ShellSource {
        private LogFollower follower;
        private int outagesHandled;

        @Override
        public RemoteShell get() throws RemoteException {
            if (follower == null || follower.outages() == outagesHandled) {
                return session.shell();
            }
            outagesHandled = follower.outages();
            String offset = String.valueOf(follower.offset());
            journal.append(host.name(), "stack", StepState.STARTED, "connection lost; reconnecting",
                    Map.of("attempt", String.valueOf(attempt), "offset", offset, "connection", "lost"));
            RemoteShell shell = session.reconnect();
            journal.append(host.name(), "stack", StepState.STARTED, "reconnected; following from byte " + offset,
                    Map.of("attempt", String.valueOf(attempt), "offset", offset, "connection", "reconnected"));
            return shell;
        }
    }

    /** Receives each complete log line: local copy, log model, progress, journaled offset. */
    private final class Sink implements java.util.function.Consumer<String> {
        private final StackLogReader reader;
        private final BufferedWriter copy;
        private final Instant start;
        private LogFollower follower;
        private Instant lastJournal = Instant.now();
        private Instant lastProgress = Instant.EPOCH;
        private String lastPhase;

        Sink(StackLogReader reader, BufferedWriter copy, Instant start) {
            this.reader = reader;
            this.copy = copy;
            this.start = start;
        }

        @Override
        public void accept(String raw) {
            String masked = masker.mask(raw);
            try {
                copy.write(masked);
                copy.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            events.accept(new DeployEvent.LogLine(host.name(), attempt, masked));
            LogLine line = reader.accept(raw);
            Instant now = Instant.now();
            String phase = reader.phase();
            if (!java.util.Objects.equals(phase, lastPhase)
                    || Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) >= 0) {
                lastPhase = phase;
                lastProgress = now;
                events.accept(new DeployEvent.Progress(host.name(), phase, Duration.between(start, now),
                        masker.mask(line.text())));
            }
            if (Duration.between(lastJournal, now).compareTo(JOURNAL_EVERY) >= 0 && follower != null) {
                lastJournal = now;
                try {
                    copy.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                journal.append(host.name(), "stack", StepState.STARTED, null,
                        Map.of("attempt", String.valueOf(attempt), "offset", String.valueOf(follower.offset())));
            }
            if (Duration.between(start, now).compareTo(host.timeouts().stack()) > 0) {
                throw new StepFailedException("stack.sh ran longer than timeouts.stack ("
                        + host.timeouts().stack() + "); it is still running on the host");
            }
        }
    }
}
