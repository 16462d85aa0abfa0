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
import io.provisioner.spec.FixupName;
import io.provisioner.spec.Host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The whole job for one host: connect, preflight (with pre-emptive fix-ups), prepare, then stack.sh
 * attempts: each runs stack.sh detached and follows it, then verifies; on failure it diagnoses, and
 * {@link RetryPolicy} decides whether the allowed fix-ups can make another run end differently. Every
 * step is journaled so {@code --resume} continues where this stopped.
 */
final class HostDeployment {
    private final HostRunContext context;
    private final Host host;
    private final StepRecorder steps;
    private final List<String> fixupsApplied = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<Path> attemptLogs = new ArrayList<>();
    private Map<String, Integer> timing = Map.of();
    private Diagnosis lastDiagnosis;
    private int stackRuns;

    HostDeployment(HostRunContext context) {
        this.context = context;
        this.host = context.host();
        this.steps = new StepRecorder(context);
    }

    /** How one stack.sh attempt ended. */
    private sealed interface AttemptResult {
    }

    /** stack.sh succeeded and every endpoint answers. */
    private record Healthy(List<ProbeResult> probes) implements AttemptResult {
    }

    /** No further attempt: {@code why} starts the failure paragraph. */
    private record Stopped(String why) implements AttemptResult {
    }

    /** The fix-ups changed something (or the failure is transient): run stack.sh again. */
    private record RunAgain() implements AttemptResult {
    }

    HostReport deploy() {
        try {
            return deployHost();
        } finally {
            context.session().ifConnected().ifPresent(context.lease()::release);
        }
    }

    private HostReport deployHost() {
        HostResume resume = context.resume();
        if (resume.finishedHealthy()) {
            return report(HostStatus.HEALTHY, 0, List.of(), "healthy in an earlier run (journal)");
        }
        int attempt = Math.max(1, resume.attempt());
        boolean loggedIn = false;
        try {
            RemoteShell shell = steps.run("connect", attempt, () -> {
                RemoteShell connected = context.session().shell();
                context.lease().acquire(connected);
                return connected;
            }, connected -> "connected; lease taken");
            loggedIn = true;
            if (!resume.stackStarted()) {
                String gitBase = preflight(shell, attempt);
                if (gitBase == null) {
                    return failed(0, "preflight failed: " + steps.lastDetail());
                }
                prepare(context.session().shell(), gitBase, attempt); // a fix-up may have reconnected
            }
            boolean attach = resume.stackStarted() && !resume.stackFinished();
            AttemptResult result = attempt(attempt, attach);
            while (result instanceof RunAgain) {
                attempt++;
                result = attempt(attempt, false);
            }
            if (result instanceof Healthy healthy) {
                context.session().writeCredentials(context.request().stateDir(), facts);
                steps.journalHost(StepState.DONE, "healthy");
                return report(HostStatus.HEALTHY, attempt, healthy.probes(), "healthy after " + attempt
                        + (attempt == 1 ? " run" : " runs") + " of stack.sh");
            }
            return failed(attempt, ((Stopped) result).why());
        } catch (RemoteException e) {
            RemoteFailure failure = e.failure();
            // closed before the login ever completed: sshd never let us in, as unreachable as a refused connect
            // (preflight's exit code for the same host says so too)
            boolean unreachable = failure == RemoteFailure.UNREACHABLE || failure == RemoteFailure.HOST_KEY_CHANGED
                    || failure == RemoteFailure.HOST_KEY_UNKNOWN || failure == RemoteFailure.AUTHENTICATION
                    || !loggedIn && failure == RemoteFailure.DISCONNECTED;
            steps.journalHost(StepState.FAILED, e.getMessage());
            return report(unreachable ? HostStatus.UNREACHABLE : HostStatus.FAILED, attempt, List.of(), e.getMessage());
        } catch (StepFailedException e) {
            return failed(stackRuns, e.getMessage());
        }
    }

    /** One stack.sh run and what follows from it: verify, or diagnose and the fix-ups the verdict allows. */
    private AttemptResult attempt(int attempt, boolean attach) throws RemoteException {
        stackRuns = attempt;
        StackOutcome outcome = runStack(attempt, attach);
        attemptLogs.add(outcome.localLog());
        facts.putAll(outcome.facts());
        timing = outcome.timing();
        if (outcome.exitCode() == 0) {
            List<ProbeResult> probes = verify(attempt, outcome);
            if (probes.stream().allMatch(probe -> probe.outcome().isHealthy())) {
                return new Healthy(probes);
            }
            return new Stopped("stack.sh succeeded but these endpoints do not answer: " + Verifier.unhealthy(probes));
        }
        String previousCategory = lastDiagnosis == null ? null : lastDiagnosis.category();
        Diagnosis diagnosis = steps.run("diagnose", attempt, () -> diagnose(outcome.localLog()),
                found -> found.category() + ": " + found.summary());
        lastDiagnosis = diagnosis;
        facts.putAll(diagnosis.facts());
        List<String> unknown = new ArrayList<>();
        List<FixupName> allowed = allowedFixups(diagnosis, unknown);
        RetryPolicy.Verdict verdict = RetryPolicy.beforeFixups(diagnosis, attempt, host.retries(), previousCategory,
                allowed, unknown);
        if (verdict instanceof RetryPolicy.Stop stop) {
            return new Stopped(stop.why());
        }
        // a failed stack.sh leaves services behind: the unstack before the re-run is due in any case
        Map<String, String> rerun = new HashMap<>(diagnosis.facts());
        rerun.put("rerun", "true");
        if (verdict instanceof RetryPolicy.Retry) {
            applyFixup(FixupName.UNSTACK, attempt, rerun);
            return new RunAgain();
        }
        List<FixupName> changed = new ArrayList<>();
        for (FixupName fixup : allowed) {
            applyFixup(fixup, attempt, rerun).filter(FixupReport::applied).ifPresent(report -> changed.add(fixup));
            if (context.resume().fixupDone(attempt, fixup)) {
                changed.add(fixup); // applied by the run this one resumes
            }
        }
        verdict = RetryPolicy.afterFixups(allowed, changed);
        if (verdict instanceof RetryPolicy.Stop stop) {
            return new Stopped(stop.why());
        }
        if (!allowed.contains(FixupName.UNSTACK)) {
            applyFixup(FixupName.UNSTACK, attempt, rerun);
        }
        return new RunAgain();
    }

    /** Returns the GIT_BASE to use, or null when a blocking check failed. */
    private String preflight(RemoteShell shell, int attempt) throws RemoteException {
        Preflight preflight = new Preflight(context.request().preflight());
        return steps.run("preflight", attempt, () -> {
            HostFacts gathered = preflight.gather(shell, host);
            List<CheckResult> checks = preflight.evaluate(host, gathered);
            boolean repaired = false;
            for (CheckResult check : checks) {
                if (check.status() == CheckStatus.FAIL && check.repairedBy() != null
                        && host.fixups().allows(check.repairedBy()) && !context.resume().fixupDone(0, check.repairedBy())) {
                    applyFixup(check.repairedBy(), 0, Map.of());
                    repaired = true;
                }
            }
            if (repaired) {
                gathered = preflight.gather(context.session().shell(), host);
                checks = preflight.evaluate(host, gathered);
            }
            List<CheckResult> failing = checks.stream().filter(check -> check.status() == CheckStatus.FAIL).toList();
            if (!failing.isEmpty()) {
                throw new StepFailedException(failing.stream().map(check -> check.check() + ": " + check.detail()
                        + " -> " + check.remedy()).collect(Collectors.joining("; ")));
            }
            Preflight.GitBaseChoice choice = preflight.chooseGitBase(host, gathered);
            if (choice.gitBase() == null) {
                throw new StepFailedException("git: " + choice.reason());
            }
            facts.put("git_base", choice.gitBase());
            context.journal().append(host.name(), "preflight", StepState.DONE, choice.reason(),
                    Map.of("git_base", choice.gitBase()));
            return choice.gitBase();
        }, gitBase -> "GIT_BASE " + gitBase);
    }

    private void prepare(RemoteShell shell, String gitBase, int attempt) throws RemoteException {
        RenderedHost files = HostRenderer.withDefaultTemplates().render(context.spec(), host, gitBase);
        steps.run("prepare", attempt, () -> {
            new TargetPreparation(shell, context.spec(), host).prepare(files);
            return files;
        }, rendered -> "devstack " + host.devstack().ref() + " at " + host.devstack().dir() + ", local.conf "
                + rendered.localConfSha256().substring(0, 12));
    }

    private StackOutcome runStack(int attempt, boolean attach) throws RemoteException {
        return steps.run("stack", attempt, () -> new StackExecution(context, attempt).run(attach),
                outcome -> "exit " + outcome.exitCode() + " after " + outcome.took().toSeconds() + " s",
                outcome -> outcome.exitCode() == 0 ? StepStatus.PASSED : StepStatus.FAILED);
    }

    private List<ProbeResult> verify(int attempt, StackOutcome outcome) throws RemoteException {
        return steps.run("verify", attempt, () -> Verifier.verify(context.spec(), host, outcome,
                context.session().shell()),
                probes -> probes.size() + " endpoints, " + probes.stream().filter(probe -> probe.outcome().isHealthy())
                        .count()
                        + " healthy");
    }

    /**
     * The diagnosis's fix-ups that exist and that the spec allows, in its order; names this provisioner does
     * not know go to {@code unknown} (and into the journal), never silently away.
     */
    private List<FixupName> allowedFixups(Diagnosis diagnosis, List<String> unknown) {
        List<FixupName> allowed = new ArrayList<>();
        for (String label : diagnosis.fixups()) {
            Optional<FixupName> name = FixupName.parse(label);
            if (name.isEmpty()) {
                unknown.add(label);
                context.journal().append(host.name(), "diagnose", StepState.DONE,
                        "the diagnosis names an unknown fix-up '" + label + "'; it is not applied", Map.of());
            } else if (host.fixups().allows(name.get())) {
                allowed.add(name.get());
            }
        }
        return allowed;
    }

    /** Runs the fix-up unless the resumed run already did; empty when it was skipped for that reason. */
    private Optional<FixupReport> applyFixup(FixupName fixup, int attempt, Map<String, String> diagnosisFacts)
            throws RemoteException {
        if (context.resume().fixupDone(attempt, fixup)) {
            return Optional.empty();
        }
        FixupReport done = steps.run(new FixupStep(fixup).stepName(), attempt, () -> {
            FixupContext fixupContext = new FixupContext(context.spec(), host, context.session().shell(),
                    context.masker(), diagnosisFacts);
            FixupReport report = new FixupRunner().run(FixupCatalog.get(fixup), fixupContext, false);
            FixupOutputLog.append(context.localDir(), attempt, report);
            if (!report.verified()) {
                throw new StepFailedException("fix-up " + fixup + " " + report.summary());
            }
            return report;
        }, FixupReport::summary, report -> StepStatus.PASSED, Map.of("attempt", String.valueOf(attempt)));
        if (done.applied()) {
            fixupsApplied.add(fixup.label());
            if (fixup.changesLoginGroups()) {
                context.session().reconnect();
            }
        }
        return Optional.of(done);
    }

    private static Diagnosis diagnose(Path log) {
        try {
            return Diagnoser.builtin().diagnose(log);
        } catch (java.io.IOException e) {
            throw new StepFailedException("cannot read the local copy of the log " + log + ": " + e.getMessage());
        }
    }

    private HostReport failed(int attempts, String why) {
        steps.journalHost(StepState.FAILED, why);
        return report(HostStatus.FAILED, attempts, List.of(), FailureParagraph.write(host, lastDiagnosis, why,
                fixupsApplied, attempts));
    }

    private HostReport report(HostStatus status, int attempts, List<ProbeResult> probes, String message) {
        return HostReport.builder(host.name(), host.role().label(), status)
                .attempts(attempts)
                .steps(steps.reports())
                .fixupsApplied(fixupsApplied)
                .diagnosis(status == HostStatus.HEALTHY ? null : lastDiagnosis)
                .probes(probes)
                .timing(timing)
                .facts(facts)
                .log(attemptLogs.isEmpty() ? null : attemptLogs.get(attemptLogs.size() - 1))
                .attemptLogs(attemptLogs)
                .message(context.masker().mask(message))
                .build();
    }
}
