package io.provisioner.deploy;

import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.ComputeServices;
import io.provisioner.spec.FixupName;
import io.provisioner.spec.Host;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
        // a host without DevStack's database (a compute host): its MySQL, if any, is not DevStack's, and gets neither
        // a check nor the password
        String stdin = (runsDatabase(host) ? host.passwords().database().reveal() : "") + "\n" + ProxyEnvironment.exports(host);
        RemoteCommand command = RemoteCommand.script(SCRIPT, host.devstack().dir(), host.paths().ovsDbSock(),
                        options.runs(PreflightCheck.APT) ? host.paths().aptDir() : "",
                        auto && options.runs(PreflightCheck.GIT) ? GIT_PROTOCOL_BASE + "/openstack/requirements" : "",
                        auto && options.runs(PreflightCheck.GIT) ? HTTPS_GIT_BASE + "/openstack/requirements" : "",
                        options.runs(PreflightCheck.PROXY) ? proxyHostPort : "",
                        runsControllerServices(host) ? joinPorts() : "")
                .withStdin(stdin).withTimeout(Duration.ofMinutes(3));
        return HostFacts.parse(shell.run(command).stdout());
    }

    /** Turns facts into verdicts, each with a one-line remedy and, where one exists, the fix-up that repairs it. */
    public List<CheckResult> evaluate(Host host, HostFacts facts) {
        String target = host.name();
        List<CheckResult> out = new ArrayList<>();
        if (!facts.complete()) {
            out.add(CheckResult.fail(target, PreflightCheck.AUTH, "the preflight script did not finish",
                    "check that bash, coreutils and iproute2 are on the target"));
            return out;
        }
        if (!facts.malformed().isEmpty()) {
            out.add(CheckResult.fail(target, PreflightCheck.AUTH, "the preflight script printed facts that do not"
                    + " parse: " + String.join("; ", facts.malformed()),
                    "check that the target's bash and coreutils are the distribution's own"));
            return out;
        }
        HostFacts.Login login = facts.login();
        out.add(CheckResult.pass(target, PreflightCheck.AUTH, "logged in as " + login.userOr("?")));
        check(out, PreflightCheck.SUDO, () -> login.sudo().filter(HostFacts.Answer::ok).isPresent()
                ? CheckResult.pass(target, PreflightCheck.SUDO, "sudo -n works")
                : CheckResult.fail(target, PreflightCheck.SUDO, "sudo -n refused: "
                        + login.sudo().map(HostFacts.Answer::text).orElse(""),
                "give " + host.ssh().user() + " passwordless sudo: echo '" + host.ssh().user()
                        + " ALL=(ALL) NOPASSWD: ALL' | sudo tee /etc/sudoers.d/50_stack_sh"));
        check(out, PreflightCheck.NON_ROOT, () -> login.root() ? CheckResult.fail(target, PreflightCheck.NON_ROOT,
                "ssh.user is root; stack.sh refuses to run as root",
                "create the stack user (devstack/tools/create-stack-user.sh) and set ssh.user: stack")
                : CheckResult.pass(target, PreflightCheck.NON_ROOT, "stack.sh runs as " + login.userOr("?")));
        check(out, PreflightCheck.DISTRO, () -> distro(target, facts.distro()));
        check(out, PreflightCheck.CPU, () -> cpus(target, facts.capacity()));
        check(out, PreflightCheck.MEMORY, () -> memory(target, facts.capacity()));
        check(out, PreflightCheck.DISK, () -> disk(target, facts.capacity()));
        check(out, PreflightCheck.CLOCK, () -> switch (facts.timeSynchronised()) {
            case YES -> CheckResult.pass(target, PreflightCheck.CLOCK, "NTP synchronised");
            case NO -> CheckResult.warn(target, PreflightCheck.CLOCK, "clock not synchronised",
                    "enable time sync (timedatectl set-ntp true): Keystone tokens and TLS need a right clock");
            case UNKNOWN -> CheckResult.pass(target, PreflightCheck.CLOCK, "no timedatectl; not checked");
        });
        facts.proxy().ifPresent(proxy -> check(out, PreflightCheck.PROXY, () -> proxy.ok()
                ? CheckResult.pass(target, PreflightCheck.PROXY, "proxy reachable from the target")
                : CheckResult.fail(target, PreflightCheck.PROXY, "the proxy is not reachable from the target",
                "check proxy.http/proxy.https in the spec and the target's route to the proxy")));
        facts.apt().ifPresent(apt -> check(out, PreflightCheck.APT, () -> apt(target, host, apt.text())));
        check(out, PreflightCheck.PORTS, () -> runsControllerServices(host) ? ports(target, facts.portOwners())
                : CheckResult.pass(target, PreflightCheck.PORTS, "not checked: a compute host binds none of a controller's"
                + " ports (" + joinPorts().replace(",", ", ") + ")"));
        HostFacts.Leftovers leftovers = facts.leftovers();
        check(out, PreflightCheck.STACK_RUNNING, () -> leftovers.stackRunning()
                ? CheckResult.fail(target, PreflightCheck.STACK_RUNNING, "a stack.sh session is still there (pids "
                + leftovers.stackPids().stream().map(String::valueOf).collect(Collectors.joining(" "))
                + ", screen sessions " + leftovers.screenSessions().orElse(0) + ")",
                "run ./unstack.sh on the host, or let the deploy do it").fixedBy(FixupName.UNSTACK)
                : CheckResult.pass(target, PreflightCheck.STACK_RUNNING, "no stack.sh running"));
        if (runsDatabase(host)) {
            facts.mysql().ifPresent(mysql -> check(out, PreflightCheck.MYSQL, () -> mysql(target, mysql.text())));
        } else {
            check(out, PreflightCheck.MYSQL, () -> CheckResult.pass(target, PreflightCheck.MYSQL, "not checked: "
                    + (host.isController() ? "the spec disables mysql here" : "a compute host runs no database (DevStack's"
                    + " is on the controller)")));
        }
        facts.ovs().filter(ovs -> !ovs.is("absent"))
                .ifPresent(ovs -> check(out, PreflightCheck.OVS, () -> ovs(target, host, ovs.text())));
        check(out, PreflightCheck.STALE_LOCALRC, () -> leftovers.staleLocalrc().isEmpty()
                ? CheckResult.pass(target, PreflightCheck.STALE_LOCALRC, "no stale localrc")
                : CheckResult.warn(target, PreflightCheck.STALE_LOCALRC, "found "
                + String.join(" ", leftovers.staleLocalrc()) + " in " + host.devstack().dir()
                + "; it would override local.conf", "the deploy's prepare step moves it aside"));
        facts.hostName().ifPresent(name -> check(out, PreflightCheck.HOSTNAME, () -> hostname(target, name)));
        check(out, PreflightCheck.LOCALE, () -> facts.enUsLocale() == HostFacts.Flag.YES
                ? CheckResult.pass(target, PreflightCheck.LOCALE, "en_US.UTF-8 present")
                : CheckResult.warn(target, PreflightCheck.LOCALE, facts.enUsLocale() == HostFacts.Flag.NO
                        ? "locale en_US.UTF-8 is missing (stack.sh sets LC_ALL=en_US.utf8)"
                        : "whether locale en_US.UTF-8 is there is unknown (stack.sh sets LC_ALL=en_US.utf8)",
                "sudo locale-gen en_US.UTF-8"));
        return out;
    }

    /**
     * The remedy follows the cause: a held lock waits, failing sources are commented out, and anything that
     * kept apt-get from running at all (no sudo, a timeout) names that instead of touching the sources.
     */
    private static CheckResult apt(String target, Host host, String answer) {
        if ("ok".equals(answer)) {
            return CheckResult.pass(target, PreflightCheck.APT, "apt-get update is clean");
        }
        if (answer.contains("Could not get lock")) {
            return CheckResult.fail(target, PreflightCheck.APT, answer, "wait for the running apt/dpkg process")
                    .fixedBy(FixupName.APT_LOCK);
        }
        if (answer.startsWith("Err:") || answer.startsWith("E: ") || answer.startsWith("W: Failed to fetch")) {
            return CheckResult.fail(target, PreflightCheck.APT, answer, "comment out the failing source lines")
                    .fixedBy(FixupName.APT_SOURCES);
        }
        if (answer.startsWith("apt-get update exited 127") || answer.contains("sudo: command not found")
                || answer.contains("'sudo'")) {
            return CheckResult.fail(target, PreflightCheck.APT, answer, "apt-get could not run through sudo: install"
                    + " sudo and give " + host.ssh().user() + " passwordless sudo (see the sudo check)");
        }
        if (answer.startsWith("apt-get update exited 124")) {
            return CheckResult.fail(target, PreflightCheck.APT, answer, "apt-get update took longer than 120 s: check"
                    + " the host's route to its mirrors and the proxy settings");
        }
        if (answer.contains("a password is required") || answer.contains("a terminal is required")) {
            return CheckResult.fail(target, PreflightCheck.APT, answer, "give " + host.ssh().user()
                    + " passwordless sudo (see the sudo check)");
        }
        return CheckResult.fail(target, PreflightCheck.APT, answer,
                "run 'sudo apt-get update' on the host and fix what it reports");
    }

    private static CheckResult hostname(String target, HostFacts.HostName hostName) {
        String name = hostName.name();
        return switch (hostName.resolution()) {
            case NONE -> CheckResult.warn(target, PreflightCheck.HOSTNAME, "the host's own name " + name
                            + " does not resolve: every sudo warns 'unable to resolve host' until stack.sh adds it"
                            + " to /etc/hosts part-way through",
                    "echo '127.0.1.1 " + name + "' | sudo tee -a /etc/hosts");
            case HOSTS_FILE -> CheckResult.pass(target, PreflightCheck.HOSTNAME, name + " resolves (/etc/hosts)");
            case RESOLVER -> CheckResult.pass(target, PreflightCheck.HOSTNAME, name + " resolves (resolver)");
        };
    }

    /** When git_base is auto: https if it works from the target, else git:// if that works, else null. */
    public GitBaseChoice chooseGitBase(Host host, HostFacts facts) {
        if (!"auto".equals(host.gitBase())) {
            return new GitBaseChoice(host.gitBase(), "git_base set in the spec");
        }
        String https = facts.gitHttps().map(HostFacts.Answer::text).orElse("");
        String proto = facts.gitProtocol().map(HostFacts.Answer::text).orElse("");
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

    private static CheckResult distro(String target, HostFacts.Distro distro) {
        String codename = distro.codename();
        String version = distro.version();
        String name = distro.id() + " " + version + (codename.isEmpty() ? "" : " (" + codename + ")");
        if (distro.supported().isEmpty()) {
            return CheckResult.pass(target, PreflightCheck.DISTRO, name
                    + "; the DevStack tree is not there yet to compare");
        }
        String majorVersion = distro.id() + version.split("\\.")[0];
        for (String supported : distro.supported()) {
            if (supported.equals(codename) || supported.equals(majorVersion) || supported.equals(version)) {
                return CheckResult.pass(target, PreflightCheck.DISTRO, name + " is supported by this DevStack tree");
            }
        }
        return CheckResult.fail(target, PreflightCheck.DISTRO, name + " is not in this DevStack tree's list ("
                        + String.join("|", distro.supported()) + ")",
                "use a supported distro, pick a devstack.ref that supports it, or add FORCE: \"yes\" to localrc");
    }

    /**
     * Only a refused password is the fix-up's business; a server that is not running is stack.sh's
     * ({@code down}: the script saw nothing listening on 3306 and did not start the client at all).
     */
    private static CheckResult mysql(String target, String answer) {
        if ("ok".equals(answer)) {
            return CheckResult.pass(target, PreflightCheck.MYSQL, "MySQL root accepts the spec's password");
        }
        if ("absent".equals(answer)) {
            return CheckResult.pass(target, PreflightCheck.MYSQL, "MySQL is not installed yet: stack.sh installs it"
                    + " with the spec's password; should root still refuse it, the mysql-root-password fix-up runs"
                    + " after that run");
        }
        if (answer.contains("ERROR 1045") || answer.contains("ERROR 1698")) {
            return CheckResult.fail(target, PreflightCheck.MYSQL, answer, "reset MySQL root to passwords.database")
                    .fixedBy(FixupName.MYSQL_ROOT_PASSWORD);
        }
        if ("down".equals(answer) || answer.contains("ERROR 2002") || answer.contains("ERROR 2003")
                || answer.contains("Can't connect")) {
            return CheckResult.pass(target, PreflightCheck.MYSQL, "MySQL is installed but not running, so its root"
                    + " password cannot be checked before stack.sh starts it; a refusal then is repaired after that run");
        }
        return CheckResult.warn(target, PreflightCheck.MYSQL, answer, "check the MySQL server on the host");
    }

    private CheckResult cpus(String target, HostFacts.Capacity capacity) {
        if (capacity.cpus().isEmpty()) {
            return CheckResult.warn(target, PreflightCheck.CPU, "the number of CPUs is unknown",
                    "DevStack wants at least " + options.minCpus());
        }
        int cpus = capacity.cpus().getAsInt();
        return cpus >= options.minCpus() ? CheckResult.pass(target, PreflightCheck.CPU, cpus + " CPUs")
                : CheckResult.warn(target, PreflightCheck.CPU, cpus + " CPUs", "DevStack wants at least "
                + options.minCpus());
    }

    private CheckResult memory(String target, HostFacts.Capacity capacity) {
        String remedy = "DevStack wants at least " + options.minMemoryMb() + " MiB; expect out-of-memory kills";
        if (capacity.memoryKb().isEmpty()) {
            return CheckResult.warn(target, PreflightCheck.MEMORY, "the memory size is unknown", remedy);
        }
        long mebibytes = capacity.memoryKb().getAsLong() / 1024;
        return mebibytes >= options.minMemoryMb() ? CheckResult.pass(target, PreflightCheck.MEMORY, mebibytes + " MiB")
                : CheckResult.warn(target, PreflightCheck.MEMORY, mebibytes + " MiB", remedy);
    }

    /** Only a refused socket is the permissions fix-up's to repair; a silent or slow ovsdb is not. */
    private static CheckResult ovs(String target, Host host, String answer) {
        if ("ok".equals(answer)) {
            return CheckResult.pass(target, PreflightCheck.OVS, "the OVS socket is usable by " + host.ssh().user());
        }
        if (answer.contains("Permission denied")) {
            return CheckResult.fail(target, PreflightCheck.OVS, answer, "give " + host.ssh().user()
                    + " group access to " + host.paths().ovsDbSock()).fixedBy(FixupName.OVS_SOCKET_PERMISSIONS);
        }
        return CheckResult.fail(target, PreflightCheck.OVS, answer, "check that ovsdb-server runs and answers on "
                + host.paths().ovsDbSock());
    }

    private CheckResult disk(String target, HostFacts.Capacity capacity) {
        String where = capacity.diskPath().orElse("/");
        String remedy = "free space: DevStack needs at least " + options.minDiskGb() + " GiB";
        if (capacity.diskFreeKb().isEmpty()) {
            return CheckResult.warn(target, PreflightCheck.DISK, "the free space on " + where + " is unknown", remedy);
        }
        long gibibytes = capacity.diskFreeKb().getAsLong() / (1024 * 1024);
        return gibibytes >= options.minDiskGb()
                ? CheckResult.pass(target, PreflightCheck.DISK, gibibytes + " GiB free on " + where)
                : CheckResult.fail(target, PreflightCheck.DISK, gibibytes + " GiB free on " + where, remedy);
    }

    private static CheckResult ports(String target, Map<Integer, String> portOwners) {
        List<String> foreign = new ArrayList<>();
        for (int port : DEVSTACK_PORTS) {
            Optional.ofNullable(portOwners.get(port)).filter(owner -> !DEVSTACK_OWNERS.matcher(owner).find())
                    .ifPresent(owner -> foreign.add(port + " (" + owner + ")"));
        }
        return foreign.isEmpty() ? CheckResult.pass(target, PreflightCheck.PORTS, "DevStack's ports are free or DevStack's own")
                : CheckResult.fail(target, PreflightCheck.PORTS, "ports taken by other programs: "
                + String.join(", ", foreign), "stop those programs or move them off DevStack's ports");
    }

    private void check(List<CheckResult> out, PreflightCheck name, Supplier<CheckResult> check) {
        out.add(options.runs(name) ? check.get()
                : new CheckResult(out.get(0).host(), name, CheckStatus.SKIPPED, "skipped by request", null, null));
    }

    /**
     * Whether the host runs what binds those ports: a controller, or a compute host whose spec enables a
     * controller-only service (Neutron's API behind Apache, say); otherwise it runs DevStack's compute set
     * ({@link ComputeServices}).
     */
    private static boolean runsControllerServices(Host host) {
        return host.isController() || !ComputeServices.controllerOnly(host).isEmpty();
    }

    /** Whether DevStack's MySQL runs here: on the controller unless its spec disables it, elsewhere only if enabled. */
    private static boolean runsDatabase(Host host) {
        return host.isController() ? !host.services().disable().contains("mysql") : host.services().enable().contains("mysql");
    }

    private static String joinPorts() {
        return DEVSTACK_PORTS.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static String proxyHostPort(String url) {
        if (url == null || url.isEmpty()) {
            return "";
        }
        URI proxy = URI.create(url);
        int port = proxy.getPort() > 0 ? proxy.getPort() : ("https".equals(proxy.getScheme()) ? 443 : 80);
        return proxy.getHost() + ":" + port;
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
