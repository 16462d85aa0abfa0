package io.provisioner.deploy;

import io.provisioner.diagnose.Diagnoser;
import io.provisioner.diagnose.Diagnosis;
import io.provisioner.fixup.FixupCatalog;
import io.provisioner.fixup.FixupContext;
import io.provisioner.fixup.FixupReport;
import io.provisioner.fixup.FixupRunner;
import io.provisioner.probe.ProbeResult;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;
import io.provisioner.remote.RemoteShell;
import io.provisioner.render.HostRenderer;
import io.provisioner.render.RenderedHost;
import io.provisioner.spec.Host;
import io.provisioner.spec.SecretMasker;
import io.provisioner.spec.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole job for one host: connect, preflight (with pre-emptive fix-ups), prepare, stack.sh detached
 * and followed, then verify; on failure diagnose, apply the allowed fix-ups, unstack and retry, up to
 * {@code retries}. Every step is journaled so {@code --resume} continues where this stopped.
 */
final class HostDeployment {
    private final Spec spec;
    private final Host host;
    private final DeployRequest request;
    private final TargetSession session;
    private final RunJournal journal;
    private final EventSink events;
    private final SecretMasker masker;
    private final String run;
    private final HostResume resume;
    private final TargetLease lease;
    private final StepRecorder steps;
    private final List<String> fixupsApplied = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private Map<String, Integer> timing = Map.of();
    private int stackRuns;

    HostDeployment(Spec spec, Host host, DeployRequest request, TargetSession session, RunJournal journal,
                   EventSink events, String run, HostResume resume, TargetLease lease) {
        this.spec = spec;
        this.host = host;
        this.request = request;
        this.session = session;
        this.journal = journal;
        this.events = events;
        this.masker = spec.masker();
        this.run = run;
        this.resume = resume;
        this.lease = lease;
        this.steps = new StepRecorder(host.name(), journal, events, masker);
    }

    HostReport deploy() {
        try {
            return deployHost();
        } finally {
            session.ifConnected().ifPresent(lease::release);
        }
    }

    private HostReport deployHost() {
        if (resume.finishedHealthy()) {
            return report(HostStatus.HEALTHY, 0, null, List.of(), null, "healthy in an earlier run (journal)");
        }
        int attempt = Math.max(1, resume.attempt());
        Diagnosis diagnosis = null;
        Path log = null;
        try {
            RemoteShell shell = steps.run("connect", attempt, () -> {
                RemoteShell s = session.shell();
                lease.acquire(s);
                return s;
            }, s -> "connected; lease taken");
            String gitBase = resume.gitBase();
            if (!resume.stackStarted()) {
                gitBase = preflight(shell, attempt);
                if (gitBase == null) {
                    return failed(0, null, log, "preflight failed: " + steps.lastDetail());
                }
                prepare(shell, gitBase, attempt);
            }
            boolean attach = resume.stackStarted() && !resume.stackFinished();
            while (true) {
                stackRuns = attempt;
                StackOutcome outcome = runStack(attempt, attach);
                attach = false;
                log = outcome.localLog();
                facts.putAll(outcome.facts());
                timing = outcome.timing();
                if (outcome.exitCode() == 0) {
                    List<ProbeResult> probes = verify(attempt, outcome);
                    boolean healthy = probes.stream().allMatch(p -> p.outcome().isHealthy());
                    if (healthy) {
                        session.writeCredentials(request.stateDir(), facts);
                        steps.journalHost(StepState.DONE, "healthy");
                        return report(HostStatus.HEALTHY, attempt, null, probes, log, "healthy after " + attempt
                                + (attempt == 1 ? " run" : " runs") + " of stack.sh");
                    }
                    return failed(attempt, null, log, "stack.sh succeeded but these endpoints do not answer: "
                            + Verifier.unhealthy(probes));
                }
                diagnosis = steps.run("diagnose", attempt, () -> diagnose(outcome.localLog()),
                        d -> d.category() + ": " + d.summary());
                facts.putAll(diagnosis.facts());
                if (attempt > host.retries()) {
                    return failed(attempt, diagnosis, log, "gave up after " + attempt + " runs of stack.sh");
                }
                List<String> chosen = chooseFixups(diagnosis);
                if (chosen.isEmpty()) {
                    return failed(attempt, diagnosis, log, diagnosis.fixups().isEmpty()
                            ? "no automatic fix-up exists for this failure"
                            : "the spec does not allow the fix-ups " + diagnosis.fixups() + " (fixups:)");
                }
                // a failed stack.sh leaves services behind: the unstack before the re-run is due in any case
                Map<String, String> rerun = new java.util.HashMap<>(diagnosis.facts());
                rerun.put("rerun", "true");
                for (String name : chosen) {
                    applyFixup(name, attempt, rerun);
                }
                if (!chosen.contains("unstack")) {
                    applyFixup("unstack", attempt, rerun);
                }
                attempt++;
            }
        } catch (RemoteException e) {
            boolean unreachable = e.failure() == RemoteFailure.UNREACHABLE || e.failure() == RemoteFailure.HOST_KEY_CHANGED
                    || e.failure() == RemoteFailure.HOST_KEY_UNKNOWN || e.failure() == RemoteFailure.AUTHENTICATION;
            steps.journalHost(StepState.FAILED, e.getMessage());
            return report(unreachable ? HostStatus.UNREACHABLE : HostStatus.FAILED, attempt, diagnosis, List.of(), log,
                    masker.mask(e.getMessage()));
        } catch (StepFailedException e) {
            return failed(stackRuns, diagnosis, log, e.getMessage());
        }
    }

    /** Returns the GIT_BASE to use, or null when a blocking check failed. */
    private String preflight(RemoteShell shell, int attempt) throws RemoteException {
        Preflight preflight = new Preflight(request.preflight());
        return steps.run("preflight", attempt, () -> {
            HostFacts f = preflight.gather(shell, host);
            List<CheckResult> checks = preflight.evaluate(host, f);
            for (CheckResult c : checks) {
                if (c.status() == CheckStatus.FAIL && c.fixup() != null && host.fixups().allows(c.fixup())
                        && !resume.fixupDone(0, c.fixup())) {
                    applyFixup(c.fixup(), 0, Map.of());
                }
            }
            if (checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL && c.fixup() != null)) {
                f = preflight.gather(shell, host);
                checks = preflight.evaluate(host, f);
            }
            List<CheckResult> failing = checks.stream().filter(c -> c.status() == CheckStatus.FAIL).toList();
            if (!failing.isEmpty()) {
                throw new StepFailedException(failing.stream().map(c -> c.check() + ": " + c.detail() + " -> "
                        + c.remedy()).collect(java.util.stream.Collectors.joining("; ")));
            }
            Preflight.GitBaseChoice choice = preflight.chooseGitBase(host, f);
            if (choice.gitBase() == null) {
                throw new StepFailedException("git: " + choice.reason());
            }
            facts.put("git_base", choice.gitBase());
            journal.append(host.name(), "preflight", StepState.DONE, choice.reason(),
                    Map.of("git_base", choice.gitBase()));
            return choice.gitBase();
        }, g -> "GIT_BASE " + g);
    }

    private void prepare(RemoteShell shell, String gitBase, int attempt) throws RemoteException {
        RenderedHost files = HostRenderer.withDefaultTemplates().render(spec, host, gitBase);
        steps.run("prepare", attempt, () -> {
            new TargetPreparation(shell, spec, host).prepare(files);
            return files;
        }, f -> "devstack " + host.devstack().ref() + " at " + host.devstack().dir() + ", local.conf "
                + f.localConfSha256().substring(0, 12));
    }

    private StackOutcome runStack(int attempt, boolean attach) throws RemoteException {
        return steps.run("stack", attempt, () -> new StackExecution(session, host, attempt, journal, events,
                request.stateDir(), masker, lease).run(attach), o -> "exit " + o.exitCode() + " after "
                + o.took().toSeconds() + " s");
    }

    private List<ProbeResult> verify(int attempt, StackOutcome outcome) throws RemoteException {
        return steps.run("verify", attempt, () -> Verifier.verify(host, outcome),
                probes -> probes.size() + " endpoints, " + probes.stream().filter(p -> p.outcome().isHealthy()).count()
                        + " healthy");
    }

    private List<String> chooseFixups(Diagnosis d) {
        List<String> out = new ArrayList<>();
        for (String f : d.fixups()) {
            if (host.fixups().allows(f) && FixupCatalog.byName(f).isPresent()) {
                out.add(f);
            }
        }
        return out;
    }

    private void applyFixup(String name, int attempt, Map<String, String> diagnosisFacts) throws RemoteException {
        if (resume.fixupDone(attempt, name)) {
            return;
        }
        FixupReport r = steps.run("fixup:" + name, attempt, () -> {
            FixupContext ctx = new FixupContext(spec, host, session.shell(), masker, diagnosisFacts);
            FixupReport rep = new FixupRunner().run(FixupCatalog.byName(name).orElseThrow(), ctx, false);
            if (!rep.verified()) {
                throw new StepFailedException("fix-up " + name + " did not verify: " + rep.detail());
            }
            return rep;
        }, rep -> rep.detected() ? String.join("; ", rep.findings()) : "nothing to change", Map.of("attempt",
                String.valueOf(attempt)));
        if (r.applied()) {
            fixupsApplied.add(name);
        }
    }

    private static Diagnosis diagnose(Path log) {
        try {
            return Diagnoser.builtin().diagnose(log);
        } catch (java.io.IOException e) {
            throw new StepFailedException("cannot read the local copy of the log " + log + ": " + e.getMessage());
        }
    }

    private HostReport failed(int attempt, Diagnosis d, Path log, String why) {
        steps.journalHost(StepState.FAILED, why);
        return report(HostStatus.FAILED, attempt, d, List.of(), log, FailureParagraph.write(host, d, why,
                fixupsApplied, attempt));
    }

    private HostReport report(HostStatus status, int attempts, Diagnosis d, List<ProbeResult> probes, Path log,
                              String message) {
        return new HostReport(host.name(), host.role().label(), status, attempts, steps.reports(),
                List.copyOf(fixupsApplied), d, probes, timing, Map.copyOf(facts), log, masker.mask(message));
    }
}
