package io.provisioner.plan;

import io.provisioner.render.HostRenderer;
import io.provisioner.render.NoProxyList;
import io.provisioner.render.RenderedHost;
import io.provisioner.shell.ShellQuote;
import io.provisioner.spec.Durations;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link Plan} for a spec without touching the network: renders each host's files to hash
 * them, lists the commands a deploy runs, and says what only a real run can decide.
 */
public final class Planner {
    private static final List<String> ALL_FIXUPS = List.of("git-https", "no-proxy", "mysql-root-password",
            "ovs-socket-permissions", "unstack", "apt-sources", "apt-lock", "pip-distutils", "stack-dir-ownership",
            "retry");

    private Planner() {
    }

    public static Plan plan(Spec spec, HostRenderer renderer) {
        List<HostPlan> hosts = new ArrayList<>();
        for (Host h : spec.executionOrder()) {
            hosts.add(planHost(spec, h, renderer));
        }
        List<String> notes = new ArrayList<>();
        notes.add("hosts run controller first; compute hosts start after the controller's stack.sh succeeded");
        if (spec.hosts().size() > 1) {
            notes.add("after the compute hosts: ./tools/discover_hosts.sh on the controller maps them into Nova");
        }
        return new Plan(spec.file().toString(), hosts, notes);
    }

    private static HostPlan planHost(Spec spec, Host h, HostRenderer renderer) {
        boolean autoGit = "auto".equals(h.gitBase());
        String gitBase = autoGit ? HostRenderer.DEFAULT_GIT_BASE : h.gitBase();
        RenderedHost r = renderer.render(spec, h, gitBase);
        String dir = h.devstack().dir();
        String gitNote = autoGit ? "git_base is auto: preflight picks GIT_BASE from the target's network; the sha256 "
                + "assumes " + gitBase : null;
        List<String> unpredictable = new ArrayList<>();
        if (autoGit) {
            unpredictable.add("GIT_BASE (git_base: auto): preflight probes git:// and https from the target");
        }
        if (h.hostIp() == null) {
            unpredictable.add("HOST_IP: not in the spec and the address is not an IP, so DevStack detects it");
        }
        unpredictable.add("whether " + dir + " already holds a DevStack checkout (clone or fetch)");
        unpredictable.add("which fix-ups run: they follow from how stack.sh fails, at most " + h.retries()
                + (h.retries() == 1 ? " retry" : " retries"));

        List<PlanStep> steps = new ArrayList<>();
        steps.add(new PlanStep("connect", connectSummary(h), List.of(), List.of(), true, null));
        steps.add(new PlanStep("preflight", "read-only checks: sudo without a password, not root, git and https "
                + "reachable, apt sources, disk", preflightCommands(h, gitBase), List.of(), true, null));
        steps.add(new PlanStep("prepare", "check out DevStack " + h.devstack().ref() + " and remove stale localrc "
                + "files (a localrc silently wins over local.conf)",
                List.of(ShellQuote.join(List.of("git", "clone", "--branch", h.devstack().ref(), h.devstack().repo(), dir))
                                + "   # or fetch + checkout when it exists",
                        ShellQuote.join(List.of("rm", "-f", dir + "/localrc", dir + "/.localrc.password"))),
                List.of(), false, "clone or fetch depends on what the target already has"));
        steps.add(new PlanStep("upload-local-conf", "write local.conf (mode 0600: it holds the passwords)", List.of(),
                List.of(file(dir + "/local.conf", r.localConf())), !autoGit, gitNote));
        steps.add(new PlanStep("apply-stackrc-overlay", "add the proxy / no_proxy / GIT_BASE block at the end of "
                + "stackrc, replacing an earlier block", List.of(),
                List.of(file(dir + "/stackrc (overlay block)", r.stackrcOverlay())), !autoGit, gitNote));
        String log = h.paths().logDir() + "/stack.sh.log";
        steps.add(new PlanStep("stack", "run stack.sh detached (survives a dropped SSH connection), timeout "
                + Durations.format(h.timeouts().stack()) + "; on failure: diagnose, allowed fix-ups, unstack, retry",
                List.of("cd " + ShellQuote.quote(dir) + " && setsid ./stack.sh </dev/null >" + ShellQuote.quote(log)
                        + " 2>&1"), List.of(), false, "the outcome and any fix-ups depend on the run"));
        steps.add(new PlanStep("verify", verifySummary(h), List.of(), List.of(), true, null));
        List<String> warnings = new ArrayList<>();
        NoProxyList.lengthWarning(h.name(), NoProxyList.compute(spec, h)).ifPresent(warnings::add);
        return new HostPlan(h.name(), h.address(), h.role().label(), steps, allowedFixups(h), unpredictable, warnings);
    }

    private static String connectSummary(Host h) {
        if (h.isLocal()) {
            return "local shell on this machine (address: local)";
        }
        String s = "ssh " + h.ssh().user() + "@" + h.address() + " port " + h.ssh().port() + ", host keys "
                + h.ssh().hostKeys().label() + ", timeout " + Durations.format(h.timeouts().connect());
        return h.ssh().jump() == null ? s : s + ", via " + h.ssh().jump();
    }

    private static List<String> preflightCommands(Host h, String gitBase) {
        List<String> c = new ArrayList<>();
        c.add("id -u   # must not be 0: DevStack refuses to run as root");
        c.add("sudo -n true");
        c.add("test ! -e ~/.no-devstack");
        if ("auto".equals(h.gitBase())) {
            c.add("git ls-remote git://opendev.org/openstack/devstack HEAD");
        }
        c.add(ShellQuote.join(List.of("git", "ls-remote", gitBase + "/openstack/devstack", "HEAD")));
        c.add("sudo apt-get update");
        c.add(ShellQuote.join(List.of("df", "-Pk", parent(h.devstack().dir()))));
        return c;
    }

    private static String parent(String dir) {
        int slash = dir.lastIndexOf('/');
        return slash <= 0 ? "/" : dir.substring(0, slash);
    }

    private static String verifySummary(Host h) {
        if (h.isController()) {
            return "stack.sh exit status 0, then probes of Keystone, Nova, Glance, Neutron and Placement on "
                    + (h.hostIp() == null ? "the host" : h.hostIp()) + " (no proxy)";
        }
        return "stack.sh exit status 0, then nova-compute on " + h.name() + " registered with the controller";
    }

    private static List<String> allowedFixups(Host h) {
        return ALL_FIXUPS.stream().filter(h.fixups()::allows).toList();
    }

    private static PlannedFile file(String path, String content) {
        return new PlannedFile(path, RenderedHost.sha256(content), content.getBytes(StandardCharsets.UTF_8).length,
                "0600");
    }
}
