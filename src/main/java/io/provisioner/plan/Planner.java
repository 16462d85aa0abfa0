package io.provisioner.plan;

import io.provisioner.render.HostRenderer;
import io.provisioner.render.NoProxyList;
import io.provisioner.render.RenderedHost;
import io.provisioner.shell.ShellQuote;
import io.provisioner.spec.ComputeServices;
import io.provisioner.spec.Durations;
import io.provisioner.spec.FixupName;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecWarnings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link Plan} for a spec without touching the network: renders each host's files to hash
 * them, lists the commands a deploy runs, and says what only a real run can decide.
 */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(Spec spec, HostRenderer renderer) {
        List<HostPlan> hosts = new ArrayList<>();
        for (Host host : spec.executionOrder()) {
            hosts.add(planHost(spec, host, renderer));
        }
        List<String> notes = new ArrayList<>();
        notes.add("hosts run controller first; compute hosts start after the controller's stack.sh succeeded");
        if (spec.hosts().size() > 1) {
            notes.add("after the compute hosts: ./tools/discover_hosts.sh on the controller maps them into Nova "
                    + "(its discover_hosts step)");
        }
        return new Plan(spec.file().toString(), hosts, notes);
    }

    private static HostPlan planHost(Spec spec, Host host, HostRenderer renderer) {
        boolean autoGit = "auto".equals(host.gitBase());
        String gitBase = autoGit ? HostRenderer.DEFAULT_GIT_BASE : host.gitBase();
        RenderedHost rendered = renderer.render(spec, host, gitBase);
        String dir = host.devstack().dir();
        String gitNote = autoGit ? "git_base is auto: preflight picks GIT_BASE from the target's network; the sha256 "
                + "assumes " + gitBase : null;
        List<String> unpredictable = new ArrayList<>();
        if (autoGit) {
            unpredictable.add("GIT_BASE (git_base: auto): preflight probes git:// and https from the target");
        }
        if (host.hostIp() == null) {
            unpredictable.add("HOST_IP: not in the spec and the address is not an IP, so DevStack detects it");
        }
        unpredictable.add("whether " + dir + " already holds a DevStack checkout (clone or fetch)");
        unpredictable.add("which fix-ups run and their commands: they follow from the diagnosis of a failed "
                + "stack.sh, then unstack.sh, then stack.sh again; at most " + host.retries()
                + (host.retries() == 1 ? " retry" : " retries"));

        List<PlanStep> steps = new ArrayList<>();
        steps.add(new PlanStep("connect", connectSummary(host) + "; then the host lease in " + host.paths().stateDir()
                + " (a second provisioner is refused)", List.of(), List.of(), true, null));
        steps.add(new PlanStep("preflight", "one read-only script with the checks of `provisioner preflight`: not "
                + "root, sudo without a password, git and https reachable, apt sources, disk, ports in use",
                List.of(), List.of(), true, "its command is not listed: the database password and proxy settings "
                + "reach it on stdin, and which probes run depends on --skip-check"));
        steps.add(new PlanStep("prepare", "check out DevStack " + host.devstack().ref() + " (clone, or fetch and "
                + "fast-forward) and move a stale localrc / .localrc.password aside (either silently wins over "
                + "local.conf); proxy variables on stdin",
                List.of(TargetScripts.commandLine(TargetScripts.CHECKOUT, TargetScripts.checkoutArgs(host))),
                List.of(), false, "clone or fetch depends on what the target already has"));
        steps.add(new PlanStep("upload-local-conf", "write local.conf (SFTP, atomic rename; mode 0600: it holds "
                + "the passwords)", List.of(), List.of(file(TargetScripts.localConf(host), rendered.localConf(),
                TargetScripts.LOCAL_CONF_MODE)), !autoGit, gitNote));
        steps.add(new PlanStep("apply-stackrc-overlay", "read stackrc and write it back with the proxy / no_proxy / "
                + "GIT_BASE block at its end, replacing an earlier block", List.of(),
                List.of(file(TargetScripts.stackrc(host) + " (overlay block)", rendered.stackrcOverlay(),
                        TargetScripts.STACKRC_MODE)), !autoGit, gitNote));
        StackRunLayout first = StackRunLayout.of(host, 1);
        steps.add(new PlanStep("stack", "run stack.sh detached (setsid, stdin /dev/null; survives a dropped SSH "
                + "connection), follow its log by byte offset, timeout " + Durations.format(host.timeouts().stack())
                + "; on failure: diagnose, allowed fix-ups, unstack, retry as attempt 2, 3...",
                List.of(stackCommand(first)), List.of(), false, "the outcome and any fix-ups depend on the run; "
                + "attempt N logs to " + host.paths().stateDir() + "/stack-N.log"));
        steps.add(new PlanStep("verify", verifySummary(spec, host), List.of(), List.of(), true, null));
        if (host.isController() && spec.hosts().stream().anyMatch(other -> !other.isController())) {
            steps.add(new PlanStep("discover_hosts", "after every compute host: map the healthy ones into Nova's "
                    + "cells", List.of(TargetScripts.commandLine(TargetScripts.DISCOVER_HOSTS,
                    TargetScripts.discoverHostsArgs(host))), List.of(), true, null));
        }
        List<String> warnings = new ArrayList<>();
        NoProxyList.lengthWarning(host.name(), NoProxyList.compute(spec, host)).ifPresent(warnings::add);
        warnings.addAll(SpecWarnings.of(host));
        return new HostPlan(host.name(), host.address(), host.role().label(), steps, allowedFixups(host), unpredictable,
                warnings);
    }

    private static String connectSummary(Host host) {
        if (host.isLocal()) {
            return "local shell on this machine (address: local)";
        }
        String summary = "ssh " + host.ssh().user() + "@" + host.address() + " port " + host.ssh().port() + ", host keys "
                + host.ssh().hostKeys().label() + ", timeout " + Durations.format(host.timeouts().connect());
        return host.ssh().jump() == null ? summary : summary + ", via " + host.ssh().jump();
    }

    /**
     * The detached start as one line, from the layout the deploy starts it with (the launcher also writes
     * the exit status and holds the lock; see {@code DetachedRun}).
     */
    public static String stackCommand(StackRunLayout layout) {
        return "cd " + ShellQuote.quote(layout.workDir()) + " && setsid " + ShellQuote.join(layout.argv()) + " </dev/null >>"
                + ShellQuote.quote(layout.logFile()) + " 2>&1   # exit status to " + layout.exitFile() + ", holding flock "
                + layout.lockFile();
    }

    private static String verifySummary(Spec spec, Host host) {
        if (host.isController()) {
            return "stack.sh exit status 0, then probes of Keystone, Nova, Glance, Neutron and Placement on "
                    + (host.hostIp() == null ? "the host" : host.hostIp()) + " (no proxy)";
        }
        List<String> services = spec.controller().map(controller -> ComputeServices.of(host, controller)).orElse(List.of());
        String summary = "stack.sh exit status 0 with the compute set " + String.join(",", services)
                + " (ENABLED_SERVICES; the services' endpoints are probed), and the controller's MySQL and RabbitMQ"
                + " probed from " + host.name() + " itself";
        return services.contains("n-cpu") ? summary + "; then the controller's discover_hosts maps this nova-compute"
                + " into Nova's cells" : summary;
    }

    private static List<String> allowedFixups(Host host) {
        return host.fixups().allowed().stream().map(FixupName::label).toList();
    }

    private static PlannedFile file(String path, String content, int mode) {
        return new PlannedFile(path, RenderedHost.sha256(content), content.getBytes(StandardCharsets.UTF_8).length,
                String.format("%04o", mode));
    }
}
