package io.provisioner.deploy;

import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.FixupName;
import io.provisioner.spec.Host;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Read-only checks on one target. All facts come from ONE remote round trip (the bundled
 * {@code preflight.sh}); the verdicts are computed here, so they are testable without a host.
 */
public final class Preflight {
    /** DevStack's default GIT_BASE today, and the 2016 one that corporate proxies block. */
    public static final String HTTPS_GIT_BASE = "https://opendev.org";
    public static final String GIT_PROTOCOL_BASE = "git://git.openstack.org";
    /** Ports an all-in-one DevStack binds: Apache, MySQL, RabbitMQ, Keystone (2016), memcached, etcd. */
    static final List<Integer> DEVSTACK_PORTS = List.of(80, 3306, 5672, 5000, 11211, 2379);
    private static final Pattern DEVSTACK_OWNERS = Pattern.compile(
            "(?i)apache2|httpd|mysqld|mariadbd|beam\\.smp|rabbitmq|memcached|uwsgi|etcd|keystone|in-use");
    private static final String SCRIPT = loadScript();

    private final PreflightOptions options;

    public Preflight(PreflightOptions options) {
        this.options = options;
    }

    /** Gathers the facts on the target. The database password travels on stdin only. */
    public HostFacts gather(RemoteShell shell, Host host) throws RemoteException {
        boolean auto = "auto".equals(host.gitBase());
        String proxyHostPort = proxyHostPort(host.proxy().https() != null ? host.proxy().https() : host.proxy().http());
        String stdin = host.passwords().database().reveal() + "\n" + ProxyEnvironment.exports(host);
        RemoteCommand cmd = RemoteCommand.script(SCRIPT, host.devstack().dir(), host.paths().ovsDbSock(),
                        options.runs(PreflightCheck.APT) ? host.paths().aptDir() : "",
                        auto && options.runs(PreflightCheck.GIT) ? GIT_PROTOCOL_BASE + "/openstack/requirements" : "",
                        auto && options.runs(PreflightCheck.GIT) ? HTTPS_GIT_BASE + "/openstack/requirements" : "",
                        options.runs(PreflightCheck.PROXY) ? proxyHostPort : "",
                        joinPorts())
                .withStdin(stdin).withTimeout(Duration.ofMinutes(3));
        return HostFacts.parse(shell.run(cmd).stdout());
    }

    /** Turns facts into verdicts, each with a one-line remedy and, where one exists, the fix-up that repairs it. */
    public List<CheckResult> evaluate(Host host, HostFacts f) {
        String h = host.name();
        List<CheckResult> out = new ArrayList<>();
        if (!f.complete()) {
            out.add(CheckResult.fail(h, PreflightCheck.AUTH, "the preflight script did not finish",
                    "check that bash, coreutils and iproute2 are on the target"));
            return out;
        }
        out.add(CheckResult.pass(h, PreflightCheck.AUTH, "logged in as " + f.getOr("user", "?")));
        check(out, PreflightCheck.SUDO, () -> "ok".equals(f.getOr("sudo", "")) ? CheckResult.pass(h, PreflightCheck.SUDO, "sudo -n works")
                : CheckResult.fail(h, PreflightCheck.SUDO, "sudo -n refused: " + f.getOr("sudo", ""),
                "give " + host.ssh().user() + " passwordless sudo: echo '" + host.ssh().user()
                        + " ALL=(ALL) NOPASSWD: ALL' | sudo tee /etc/sudoers.d/50_stack_sh"));
        check(out, PreflightCheck.NON_ROOT, () -> "0".equals(f.getOr("uid", "")) ? CheckResult.fail(h, PreflightCheck.NON_ROOT,
                "ssh.user is root; stack.sh refuses to run as root",
                "create the stack user (devstack/tools/create-stack-user.sh) and set ssh.user: stack")
                : CheckResult.pass(h, PreflightCheck.NON_ROOT, "stack.sh runs as " + f.getOr("user", "?")));
        check(out, PreflightCheck.DISTRO, () -> distro(h, f));
        check(out, PreflightCheck.CPU, () -> f.number("cpus") >= options.minCpus() ? CheckResult.pass(h, PreflightCheck.CPU, f.number("cpus") + " CPUs")
                : CheckResult.warn(h, PreflightCheck.CPU, f.number("cpus") + " CPUs", "DevStack wants at least " + options.minCpus()));
        check(out, PreflightCheck.MEMORY, () -> memory(h, f));
        check(out, PreflightCheck.DISK, () -> disk(h, f));
        check(out, PreflightCheck.CLOCK, () -> switch (f.getOr("ntp", "unknown")) {
            case "yes" -> CheckResult.pass(h, PreflightCheck.CLOCK, "NTP synchronised");
            case "no" -> CheckResult.warn(h, PreflightCheck.CLOCK, "clock not synchronised",
                    "enable time sync (timedatectl set-ntp true): Keystone tokens and TLS need a right clock");
            default -> CheckResult.pass(h, PreflightCheck.CLOCK, "no timedatectl; not checked");
        });
        f.get("proxy").ifPresent(p -> check(out, PreflightCheck.PROXY, () -> "ok".equals(p)
                ? CheckResult.pass(h, PreflightCheck.PROXY, "proxy reachable from the target")
                : CheckResult.fail(h, PreflightCheck.PROXY, "the proxy is not reachable from the target",
                "check proxy.http/proxy.https in the spec and the target's route to the proxy")));
        f.get("apt").ifPresent(a -> check(out, PreflightCheck.APT, () -> apt(h, host, a)));
        check(out, PreflightCheck.PORTS, () -> ports(h, f));
        check(out, PreflightCheck.STACK_RUNNING, () -> !f.getOr("stack_running", "").isBlank()
                || f.number("screen_stack") > 0
                ? CheckResult.fail(h, PreflightCheck.STACK_RUNNING, "a stack.sh session is still there (pids "
                + f.getOr("stack_running", "").trim() + ", screen sessions " + f.number("screen_stack") + ")",
                "run ./unstack.sh on the host, or let the deploy do it").fixedBy(FixupName.UNSTACK)
                : CheckResult.pass(h, PreflightCheck.STACK_RUNNING, "no stack.sh running"));
        f.get("mysql").ifPresent(m -> check(out, PreflightCheck.MYSQL, () -> mysql(h, m)));
        f.get("ovs").filter(o -> !"absent".equals(o)).ifPresent(o -> check(out, PreflightCheck.OVS, () -> ovs(h, host, o)));
        check(out, PreflightCheck.STALE_LOCALRC, () -> f.getOr("stale_localrc", "").isBlank()
                ? CheckResult.pass(h, PreflightCheck.STALE_LOCALRC, "no stale localrc")
                : CheckResult.warn(h, PreflightCheck.STALE_LOCALRC, "found " + f.getOr("stale_localrc", "").trim()
                + " in " + host.devstack().dir() + "; it would override local.conf",
                "the deploy's prepare step moves it aside"));
        f.get("hostname_resolves").ifPresent(r -> check(out, PreflightCheck.HOSTNAME, () -> hostname(h, f.getOr("hostname", "?"), r)));
        check(out, PreflightCheck.LOCALE, () -> f.number("locale") > 0 ? CheckResult.pass(h, PreflightCheck.LOCALE, "en_US.UTF-8 present")
                : CheckResult.warn(h, PreflightCheck.LOCALE, "locale en_US.UTF-8 is missing (stack.sh sets LC_ALL=en_US.utf8)",
                "sudo locale-gen en_US.UTF-8"));
        return out;
    }

    /**
     * The remedy follows the cause: a held lock waits, failing sources are commented out, and anything that
     * kept apt-get from running at all (no sudo, a timeout) names that instead of touching the sources.
     */
    private static CheckResult apt(String h, Host host, String answer) {
        if ("ok".equals(answer)) {
            return CheckResult.pass(h, PreflightCheck.APT, "apt-get update is clean");
        }
        if (answer.contains("Could not get lock")) {
            return CheckResult.fail(h, PreflightCheck.APT, answer, "wait for the running apt/dpkg process").fixedBy(FixupName.APT_LOCK);
        }
        if (answer.startsWith("Err:") || answer.startsWith("E: ") || answer.startsWith("W: Failed to fetch")) {
            return CheckResult.fail(h, PreflightCheck.APT, answer, "comment out the failing source lines")
                    .fixedBy(FixupName.APT_SOURCES);
        }
        if (answer.startsWith("apt-get update exited 127") || answer.contains("sudo: command not found")
                || answer.contains("'sudo'")) {
            return CheckResult.fail(h, PreflightCheck.APT, answer, "apt-get could not run through sudo: install sudo and give "
                    + host.ssh().user() + " passwordless sudo (see the sudo check)");
        }
        if (answer.startsWith("apt-get update exited 124")) {
            return CheckResult.fail(h, PreflightCheck.APT, answer, "apt-get update took longer than 120 s: check the host's"
                    + " route to its mirrors and the proxy settings");
        }
        if (answer.contains("a password is required") || answer.contains("a terminal is required")) {
            return CheckResult.fail(h, PreflightCheck.APT, answer, "give " + host.ssh().user() + " passwordless sudo (see the"
                    + " sudo check)");
        }
        return CheckResult.fail(h, PreflightCheck.APT, answer, "run 'sudo apt-get update' on the host and fix what it reports");
    }

    private static CheckResult hostname(String h, String name, String resolves) {
        return "no".equals(resolves)
                ? CheckResult.warn(h, PreflightCheck.HOSTNAME, "the host's own name " + name + " does not resolve: every sudo warns"
                        + " 'unable to resolve host' until stack.sh adds it to /etc/hosts part-way through",
                "echo '127.0.1.1 " + name + "' | sudo tee -a /etc/hosts")
                : CheckResult.pass(h, PreflightCheck.HOSTNAME, name + " resolves (" + ("hosts".equals(resolves) ? "/etc/hosts" : "resolver") + ")");
    }

    /** When git_base is auto: https if it works from the target, else git:// if that works, else null. */
    public GitBaseChoice chooseGitBase(Host host, HostFacts f) {
        if (!"auto".equals(host.gitBase())) {
            return new GitBaseChoice(host.gitBase(), "git_base set in the spec");
        }
        String https = f.getOr("git_https", "");
        String proto = f.getOr("git_proto", "");
        if ("ok".equals(https)) {
            return new GitBaseChoice(HTTPS_GIT_BASE, "https works from the target"
                    + ("ok".equals(proto) ? "" : "; git:// does not (" + proto + ")"));
        }
        if ("ok".equals(proto)) {
            return new GitBaseChoice(GIT_PROTOCOL_BASE, "git:// works from the target; https does not (" + https + ")");
        }
        if (https.isEmpty() && proto.isEmpty()) {
            return new GitBaseChoice(HTTPS_GIT_BASE, "not probed; DevStack's default");
        }
        return new GitBaseChoice(null, "neither https (" + https + ") nor git:// (" + proto + ") reaches the git"
                + " server from the target; set proxy.https or git_base to a mirror");
    }

    private CheckResult distro(String h, HostFacts f) {
        String codename = f.getOr("distro_codename", "");
        String id = f.getOr("distro_id", "unknown");
        String supported = f.getOr("supported", "");
        String name = id + " " + f.getOr("distro_version", "") + (codename.isEmpty() ? "" : " (" + codename + ")");
        if (supported.isEmpty()) {
            return CheckResult.pass(h, PreflightCheck.DISTRO, name + "; the DevStack tree is not there yet to compare");
        }
        for (String s : supported.split("\\|")) {
            if (!s.isBlank() && (s.equals(codename) || s.equals(id + f.getOr("distro_version", "").split("\\.")[0])
                    || s.equals(f.getOr("distro_version", "")))) {
                return CheckResult.pass(h, PreflightCheck.DISTRO, name + " is supported by this DevStack tree");
            }
        }
        return CheckResult.fail(h, PreflightCheck.DISTRO, name + " is not in this DevStack tree's list (" + supported + ")",
                "use a supported distro, pick a devstack.ref that supports it, or add FORCE: \"yes\" to localrc");
    }

    /**
     * Only a refused password is the fix-up's business; a server that is not running is stack.sh's
     * ({@code down}: the script saw nothing listening on 3306 and did not start the client at all).
     */
    private static CheckResult mysql(String h, String m) {
        if ("ok".equals(m)) {
            return CheckResult.pass(h, PreflightCheck.MYSQL, "MySQL root accepts the spec's password");
        }
        if ("absent".equals(m)) {
            return CheckResult.pass(h, PreflightCheck.MYSQL, "MySQL is not installed yet: stack.sh installs it with the spec's"
                    + " password; should root still refuse it, the mysql-root-password fix-up runs after that run");
        }
        if (m.contains("ERROR 1045") || m.contains("ERROR 1698")) {
            return CheckResult.fail(h, PreflightCheck.MYSQL, m, "reset MySQL root to passwords.database")
                    .fixedBy(FixupName.MYSQL_ROOT_PASSWORD);
        }
        if ("down".equals(m) || m.contains("ERROR 2002") || m.contains("ERROR 2003") || m.contains("Can't connect")) {
            return CheckResult.pass(h, PreflightCheck.MYSQL, "MySQL is installed but not running, so its root password cannot be"
                    + " checked before stack.sh starts it; a refusal then is repaired after that run");
        }
        return CheckResult.warn(h, PreflightCheck.MYSQL, m, "check the MySQL server on the host");
    }

    private CheckResult memory(String h, HostFacts f) {
        long mb = f.number("mem_kb") / 1024;
        if (mb >= options.minMemoryMb()) {
            return CheckResult.pass(h, PreflightCheck.MEMORY, mb + " MiB");
        }
        return CheckResult.warn(h, PreflightCheck.MEMORY, mb + " MiB", "DevStack wants at least " + options.minMemoryMb()
                + " MiB; expect out-of-memory kills");
    }

    /** Only a refused socket is the permissions fix-up's to repair; a silent or slow ovsdb is not. */
    private static CheckResult ovs(String h, Host host, String o) {
        if ("ok".equals(o)) {
            return CheckResult.pass(h, PreflightCheck.OVS, "the OVS socket is usable by " + host.ssh().user());
        }
        if (o.contains("Permission denied")) {
            return CheckResult.fail(h, PreflightCheck.OVS, o, "give " + host.ssh().user() + " group access to "
                    + host.paths().ovsDbSock()).fixedBy(FixupName.OVS_SOCKET_PERMISSIONS);
        }
        return CheckResult.fail(h, PreflightCheck.OVS, o, "check that ovsdb-server runs and answers on " + host.paths().ovsDbSock());
    }

    private CheckResult disk(String h, HostFacts f) {
        long gb = f.number("disk_kb") / (1024 * 1024);
        String where = f.getOr("disk_path", "/");
        if (gb >= options.minDiskGb()) {
            return CheckResult.pass(h, PreflightCheck.DISK, gb + " GiB free on " + where);
        }
        return CheckResult.fail(h, PreflightCheck.DISK, gb + " GiB free on " + where, "free space: DevStack needs at least "
                + options.minDiskGb() + " GiB");
    }

    private CheckResult ports(String h, HostFacts f) {
        List<String> foreign = new ArrayList<>();
        for (int port : DEVSTACK_PORTS) {
            f.get("port_" + port).filter(owner -> !DEVSTACK_OWNERS.matcher(owner).find())
                    .ifPresent(owner -> foreign.add(port + " (" + owner + ")"));
        }
        return foreign.isEmpty() ? CheckResult.pass(h, PreflightCheck.PORTS, "DevStack's ports are free or DevStack's own")
                : CheckResult.fail(h, PreflightCheck.PORTS, "ports taken by other programs: " + String.join(", ", foreign),
                "stop those programs or move them off DevStack's ports");
    }

    private void check(List<CheckResult> out, PreflightCheck name, Supplier<CheckResult> check) {
        out.add(options.runs(name) ? check.get()
                : new CheckResult(out.get(0).host(), name, CheckStatus.SKIPPED, "skipped by request", null, null));
    }

    private static String joinPorts() {
        StringBuilder sb = new StringBuilder();
        for (int p : DEVSTACK_PORTS) {
            sb.append(sb.length() == 0 ? "" : ",").append(p);
        }
        return sb.toString();
    }

    static String proxyHostPort(String url) {
        if (url == null || url.isEmpty()) {
            return "";
        }
        URI u = URI.create(url);
        int port = u.getPort() > 0 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80);
        return u.getHost() + ":" + port;
    }

    private static String loadScript() {
        try (InputStream in = Preflight.class.getResourceAsStream("preflight.sh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("preflight.sh missing from the jar", e);
        }
    }

    /** A decided GIT_BASE ({@code null} when nothing works) and why. */
    public record GitBaseChoice(String gitBase, String reason) {
    }

}
