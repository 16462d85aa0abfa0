package io.provisioner.deploy;

import io.provisioner.plan.TargetScripts;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fleet: controllers first; compute hosts only after a controller verified, in a pool of
 * {@code --parallel}; one failed compute does not stop the others; {@code discover_hosts} once on the
 * controller at the end.
 */
public final class DeployEngine {
    private final HostConnector connector;

    public DeployEngine(HostConnector connector) {
        this.connector = connector;
    }

    public FleetReport deploy(DeployRequest request, EventSink events) {
        Instant start = Instant.now();
        Spec spec = request.spec();
        SpecIdentity identity = SpecIdentity.of(spec);
        List<JournalRecord> earlier = request.resume() ? resumable(request.store(), identity) : List.of();
        String run = request.resume() && !earlier.isEmpty() ? earlier.get(earlier.size() - 1).run() : newRunId();
        Map<String, HostReport> reports = new LinkedHashMap<>();
        request.store().append(identity.opening(run));
        RunJournal journal = new RunJournal(request.store(), run, spec.masker());
        List<Host> controllers = new ArrayList<>();
        List<Host> computes = new ArrayList<>();
        for (Host host : spec.executionOrder()) {
            if (request.includes(host.name())) {
                (host.isController() ? controllers : computes).add(host);
            }
        }
        List<HostReport> first = runAll(controllers, request, journal, events, run, earlier);
        first.forEach(report -> reports.put(report.host(), report));
        boolean controllerOk = first.stream().allMatch(report -> report.status() == HostStatus.HEALTHY);
        if (controllerOk) {
            runAll(computes, request, journal, events, run, earlier).forEach(report -> reports.put(report.host(), report));
            discoverHosts(spec, request, journal, events, run, reports);
        } else {
            for (Host compute : computes) {
                HostReport skipped = HostReport.builder(compute.name(), compute.role().label(), HostStatus.SKIPPED)
                        .message("not attempted: the controller did not become healthy").build();
                reports.put(compute.name(), skipped);
                events.accept(new DeployEvent.HostFinished(compute.name(), skipped));
            }
        }
        FleetReport fleet = new FleetReport(run, List.copyOf(reports.values()), Duration.between(start, Instant.now()));
        return fleet;
    }

    /**
     * The records of this spec's runs. Resuming when the journal's runs are all another spec's would mix two
     * deployments: refused, before any host is touched.
     */
    private static List<JournalRecord> resumable(RunStore store, SpecIdentity identity) {
        SpecRuns history = new SpecRuns(store.records());
        List<JournalRecord> mine = history.of(identity);
        if (mine.isEmpty()) {
            history.lastRunOfAnotherSpec(identity).ifPresent(other -> {
                throw new ResumeRefusedException("--resume: the journal holds no run of " + identity.describe()
                        + "; its last is " + other + ". Deploy without --resume, or give this spec its own --state-dir");
            });
        }
        return mine;
    }

    private List<HostReport> runAll(List<Host> hosts, DeployRequest request, RunJournal journal, EventSink events,
                                    String run, List<JournalRecord> earlier) {
        return HostPool.map(hosts, request.parallel(), host -> deployOne(host, request, journal, events, run, earlier));
    }

    private HostReport deployOne(Host host, DeployRequest request, RunJournal journal, EventSink events, String run,
                                 List<JournalRecord> earlier) {
        HostResume resume = request.resume() ? HostResume.from(earlier, host.name()) : HostResume.fresh();
        try (TargetSession session = new TargetSession(host, connector, host.timeouts().command())) {
            HostRunContext context = new HostRunContext(request, host, session, journal, events, resume,
                    new TargetLease(host.paths().stateDir(), run, holder()));
            HostReport report = new HostDeployment(context).deploy();
            events.accept(new DeployEvent.HostFinished(host.name(), report));
            return report;
        }
    }

    private void discoverHosts(Spec spec, DeployRequest request, RunJournal journal, EventSink events, String run,
                               Map<String, HostReport> reports) {
        boolean anyCompute = reports.values().stream()
                .anyMatch(report -> "compute".equals(report.role()) && report.status() == HostStatus.HEALTHY);
        Host controller = spec.controller().orElse(null);
        if (!anyCompute || controller == null) {
            return;
        }
        StepRecorder steps = new StepRecorder(controller.name(), journal, events, spec.masker());
        String failure = null;
        try (TargetSession session = new TargetSession(controller, connector, controller.timeouts().command())) {
            steps.run("discover_hosts", 1, () -> session.shell().run(RemoteCommand.script(
                    TargetScripts.DISCOVER_HOSTS, TargetScripts.discoverHostsArgs(controller).toArray(String[]::new))
                    .withTimeout(controller.timeouts().command())), result -> {
                        if (!result.ok()) {
                            throw new StepFailedException("tools/discover_hosts.sh exited " + result.exitStatus() + ": "
                                    + result.lastErrorLine());
                        }
                        return "compute hosts mapped into cells";
                    });
        } catch (RemoteException | StepFailedException e) {
            failure = "discover_hosts failed on the controller: " + e.getMessage();
        }
        HostReport controllerReport = reports.get(controller.name());
        if (controllerReport != null) {
            List<StepReport> controllerSteps = new ArrayList<>(controllerReport.steps());
            controllerSteps.addAll(steps.reports());
            reports.put(controllerReport.host(), controllerReport.toBuilder().status(failure == null
                    ? controllerReport.status() : HostStatus.FAILED).steps(controllerSteps)
                    .message(failure == null ? controllerReport.message() : spec.masker().mask(failure)).build());
        }
    }

    private static String newRunId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(java.time.ZoneOffset.UTC).format(Instant.now())
                + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String holder() {
        String me = System.getProperty("user.name", "?");
        try {
            me += "@" + InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException ignored) {
            // the user name alone still names the holder
        }
        return me + " pid " + ProcessHandle.current().pid();
    }
}
