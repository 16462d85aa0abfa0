package io.provisioner.service.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.deploy.EventSink;
import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.HostReport;
import io.provisioner.report.JsonReport;
import io.provisioner.report.JunitReport;
import io.provisioner.service.db.DbRunStore;
import io.provisioner.service.db.Outages;
import io.provisioner.service.db.RunRow;
import io.provisioner.service.db.RunState;
import io.provisioner.spec.Host;
import io.provisioner.spec.SecretMasker;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Executes one run on this instance, as db-scheduler hands it over: takes the run's targets (or leaves it
 * queued, naming who holds them), deploys through the {@link DeployLauncher} with the journal in the
 * database, and records the end (report, JUnit, masked logs, metrics). Picked up again after its instance
 * died, a real-host run resumes from the database journal: it re-attaches to stack.sh and repeats no
 * completed fix-up. A sandbox's hosts live in the instance that started them, so a revived sandbox run
 * starts again on new hosts.
 */
public final class RunExecutor {
    private static final Duration OUTAGE_BUDGET = Duration.ofSeconds(60);
    /** An executing instance beats every second; one silent this long is dead and its run is taken over. */
    static final Duration ALIVE = Duration.ofSeconds(15);
    private final RunContext ctx;
    private final DeployLauncher deploys = new DeployLauncher();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "cancel-watch");
        thread.setDaemon(true);
        return thread;
    });

    public RunExecutor(RunContext ctx) {
        this.ctx = ctx;
    }

    public void execute(String runId) {
        Optional<RunRow> found = ctx.runs().find(runId);
        if (found.isEmpty() || found.get().state().isFinal()) {
            return;
        }
        RunRow row = found.get();
        String specText = specText(row);
        if (specText == null) {
            finishWithoutDeploy(runId, "error", "the spec of this run held inline secrets, kept only in the memory of "
                    + "the instance that accepted it (" + row.instance() + "), which is gone; submit the run again");
            return;
        }
        RunRequest request = RunRequestJson.fromStored(row.requestJson(), specText);
        // a sandbox run of the submitter's own spec stands in for its hosts, as deploy -f SPEC --sandbox does
        boolean ownSpec = row.specText() != null;
        Spec spec;
        try {
            spec = SubmittedSpec.load(specText, RunContext.specDir(runId), ctx.env());
        } catch (SpecException e) {
            finishWithoutDeploy(runId, "error", "the spec no longer loads on instance " + ctx.instance() + ": "
                    + e.problems().get(0));
            return;
        }
        spec = withRetries(spec, request.retries());
        if (!request.isSandbox()) {
            List<String> targets = targets(spec, request.hosts());
            Optional<String> busy = ctx.locks().acquire(runId, targets);
            if (busy.isPresent()) {
                ctx.runs().setMessage(runId, "waiting: " + busy.get());
                throw new TargetBusyException(busy.get());
            }
        }
        if (!ctx.runs().claim(runId, ctx.instance(), ALIVE)) {
            RunRow now = ctx.runs().find(runId).orElse(row);
            if (now.state().isFinal()) {
                return;
            }
            // db-scheduler took the execution for dead, but its instance still beats: try again later
            throw new TargetBusyException("run " + runId + " is executing on live instance " + now.instance());
        }
        try {
            run(runId, request, spec, ownSpec);
        } finally {
            if (!request.isSandbox()) {
                Outages.retry(OUTAGE_BUDGET, () -> {
                    ctx.locks().release(runId);
                    return null;
                });
            }
        }
    }

    private void run(String runId, RunRequest request, Spec spec, boolean ownSpec) {
        SecretMasker masker = spec.masker();
        RunEventRecorder recorder = new RunEventRecorder(ctx.events(), runId, masker);
        DbRunStore store = new DbRunStore(ctx.db(), runId);
        boolean resume = !request.isSandbox() && !store.records().isEmpty();
        ObjectNode state = RunEventRecorder.object();
        state.put("state", "running");
        state.put("instance", ctx.instance());
        state.put("resumed", resume);
        recorder.runEvent("state", state);
        Instant start = Instant.now();
        AtomicBoolean cancel = new AtomicBoolean();
        List<AutoCloseable> onCancel = new ArrayList<>();
        // a deploy waiting to reconnect to a host the cancel took away emits no event: wake it up
        Thread runner = Thread.currentThread();
        var watch = watcher.scheduleWithFixedDelay(() -> {
            try {
                ctx.runs().beat(runId, ctx.instance());
                if (!cancel.get() && ctx.runs().cancelRequested(runId)) {
                    cancel.set(true);
                    synchronized (onCancel) {
                        for (AutoCloseable closer : onCancel) {
                            closer.close();
                        }
                    }
                    runner.interrupt();
                }
            } catch (Exception databaseAwayOrCloseFailed) {
                // asked again in a second
            }
        }, 1, 1, TimeUnit.SECONDS);
        // the live log sees each event first: a stack step's last lines are stored before its end is announced
        LiveLogRecorder liveLog = new LiveLogRecorder(ctx.logs(), runId, resume, ctx.instance());
        var logFlush = watcher.scheduleWithFixedDelay(liveLog::flushDue, 250, 250, TimeUnit.MILLISECONDS);
        EventSink events = liveLog.and(recorder).and(e -> {
            if (cancel.get()) {
                throw new RunCancelledException();
            }
        });
        FleetReport fleet = null;
        String failure = null;
        try {
            if (request.isSandbox()) {
                try (SandboxLauncher.SandboxRun lab = ctx.sandboxes().start(ownSpec ? spec : null,
                        request.sandbox().hosts(), request.sandbox().era(), request.sandbox().faults(), ctx.env())) {
                    synchronized (onCancel) {
                        onCancel.add(lab);
                    }
                    Spec pointed = withRetries(lab.spec(), request.retries());
                    fleet = deploys.deploy(pointed, Set.of(), 4, ctx.runDir(runId).resolve("state"), store, false, events);
                }
            } else {
                fleet = deploys.deploy(spec, Set.copyOf(request.hosts()), 4, ctx.runDir(runId).resolve("state"), store,
                        resume, events);
            }
        } catch (IOException | IllegalArgumentException e) {
            failure = "cannot start the sandbox: " + e.getMessage();
        } catch (RuntimeException e) {
            failure = cancel.get() ? "cancelled while running" : "the deploy stopped: " + e;
        } finally {
            watch.cancel(false);
            logFlush.cancel(false);
            Thread.interrupted(); // a cancel's wake-up call must not reach the scheduler's next task
            try {
                liveLog.close();
            } catch (RuntimeException databaseAway) {
                // the lines not stored yet are in the local copy, which end() stores if the host has no live log
            }
        }
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        if (cancel.get()) {
            end(runId, recorder, RunState.CANCELLED, "cancelled", "cancelled while running", fleet, masker, liveLog.hosts());
            ctx.metrics().runFinished("cancelled", seconds);
        } else if (fleet == null) {
            end(runId, recorder, RunState.FINISHED, "error", masker.mask(failure), null, masker, liveLog.hosts());
            ctx.metrics().runFinished("error", seconds);
        } else {
            String outcome = fleet.anyUnreachable() ? "unreachable" : fleet.allHealthy() ? "healthy" : "failed";
            end(runId, recorder, RunState.FINISHED, outcome, summary(fleet), fleet, masker, liveLog.hosts());
            ctx.metrics().runFinished(outcome, seconds);
            for (HostReport host : fleet.hosts()) {
                ctx.metrics().attempts(host.attempts());
                host.fixupsApplied().forEach(ctx.metrics()::fixupApplied);
                if (host.diagnosis() != null) {
                    ctx.metrics().diagnosed(host.diagnosis().category());
                }
            }
        }
    }

    private void end(String runId, RunEventRecorder recorder, RunState state, String outcome, String message,
                     FleetReport fleet, SecretMasker masker, Set<String> withLiveLog) {
        String report = fleet == null ? null : JsonReport.render(fleet);
        String junit = fleet == null ? null : JunitReport.render(fleet);
        if (fleet != null) {
            for (HostReport host : fleet.hosts()) {
                if (!withLiveLog.contains(host.host())) {
                    storeLog(runId, host, masker); // the whole log once, for a host whose lines the live log missed
                }
            }
        }
        // the terminal event is stored before the state turns final: a stream that sees the state final has it
        ObjectNode end = RunEventRecorder.object();
        end.put("state", state.label());
        end.put("outcome", outcome);
        end.put("message", message);
        recorder.runEvent("finished", end);
        Outages.retry(OUTAGE_BUDGET, () -> {
            ctx.runs().finish(runId, state, outcome, message, report, junit);
            return null;
        });
    }

    private void storeLog(String runId, HostReport host, SecretMasker masker) {
        if (host.log() == null || !Files.isRegularFile(host.log())) {
            return;
        }
        try {
            String content = masker.mask(Files.readString(host.log(), StandardCharsets.UTF_8));
            Outages.retry(OUTAGE_BUDGET, () -> {
                ctx.logs().store(runId, host.host(), content);
                return null;
            });
        } catch (IOException e) {
            // the report still names the log's path on this instance
        }
    }

    private void finishWithoutDeploy(String runId, String outcome, String message) {
        RunEventRecorder recorder = new RunEventRecorder(ctx.events(), runId, SecretMasker.none());
        ObjectNode end = RunEventRecorder.object();
        end.put("state", "finished");
        end.put("outcome", outcome);
        end.put("message", message);
        recorder.runEvent("finished", end);
        ctx.runs().finish(runId, RunState.FINISHED, outcome, message, null, null);
        ctx.metrics().runFinished(outcome, 0);
    }

    private String specText(RunRow row) {
        String inline = ctx.inlineSpecs().get(row.id());
        if (inline != null) {
            return inline;
        }
        if (row.specText() == null) {
            return BuiltinSandboxSpec.text();
        }
        return RunRequestJson.storedWithInlineSecrets(row.requestJson()) ? null : row.specText();
    }

    private static String summary(FleetReport fleet) {
        long healthy = fleet.hosts().stream().filter(host -> host.status().label().equals("healthy")).count();
        String first = fleet.hosts().stream().filter(host -> !host.status().label().equals("healthy"))
                .map(HostReport::message)
                .filter(message -> message != null && !message.isBlank()).findFirst().orElse(null);
        return healthy + " of " + fleet.hosts().size() + " hosts healthy" + (first == null ? "" : "; " + first);
    }

    /** Target keys (user@address:port) of the hosts the run touches. */
    static List<String> targets(Spec spec, List<String> only) {
        Set<String> out = new HashSet<>();
        for (Host host : spec.hosts()) {
            if (only.isEmpty() || only.contains(host.name())) {
                out.add(host.ssh().user() + "@" + host.address() + ":" + host.ssh().port());
            }
        }
        return out.stream().sorted().toList();
    }

    private static Spec withRetries(Spec spec, Integer retries) {
        if (retries == null) {
            return spec;
        }
        List<Host> hosts = spec.hosts().stream().map(host -> new Host(host.name(), host.address(), host.role(),
                host.hostIp(), host.ssh(), host.devstack(), host.proxy(), host.gitBase(), host.passwords(),
                host.services(), host.plugins(), host.localrc(), host.localConf(), host.fixups(), retries,
                host.timeouts(), host.paths())).toList();
        return new Spec(spec.file(), hosts);
    }
}
