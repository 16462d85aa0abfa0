package io.provisioner.deploy;

import io.provisioner.fixup.LocalTestShell;
import io.provisioner.lab.ClassLab;
import io.provisioner.lab.LabCommand;
import io.provisioner.lab.LabUser;
import io.provisioner.lab.ManagedProcess;
import io.provisioner.lab.MariaDbServer;
import io.provisioner.lab.NetNamespace;
import io.provisioner.lab.OvsdbServer;
import io.provisioner.lab.Requirements;
import io.provisioner.lab.ScreenSession;
import io.provisioner.lab.SshLabKeys;
import io.provisioner.lab.SshdHost;
import io.provisioner.remote.CommandResult;
import io.provisioner.remote.Connector;
import io.provisioner.remote.OutputListener;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.Host;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled {@code preflight.sh}, run for real through {@code Preflight.gather} and {@code evaluate}, in the
 * situations it is there to notice. This is the script's contract: what it reports (facts) and what the
 * provisioner concludes (verdicts), never which commands it runs to find out.
 *
 * <p>Logins: root on this machine ({@code address: local}, as the deploy runs it on the machine itself), and,
 * for another user or for DevStack's fixed ports (this machine is shared), SSH to a real sshd inside a network
 * namespace made for this class: in {@link #BUSY} a web server squats on Keystone's 5000 next to a memcached
 * on 11211 and a MariaDB on 3306; in {@link #BARE} nothing listens. {@link #USER} is a non-root login without
 * sudo rights.
 */
class PreflightScriptIT {
    private static final String USER = "pvpfit";
    /** The spec's passwords.database. */
    private static final String DB_PASSWORD = "pfitdb1";
    /** The checks that would go to the network are not this test's business. */
    private static final Preflight PREFLIGHT = new Preflight(PreflightOptions.defaults().skipping(Set.of("apt", "git", "proxy")));
    private static final Connector CONNECTOR = new Connector(Map.of(), null, Path.of("/nonexistent"), Connector.Backoff.NONE);
    /** The facts every run reports, whatever the host (the verdicts read them; a missing uid would pass a root login). */
    private static final Set<String> ALWAYS = Set.of("uid", "user", "sudo", "distro_id", "distro_codename",
            "distro_version", "cpus", "mem_kb", "disk_kb", "disk_path", "ntp", "locale", "stack_running",
            "screen_stack", "stale_localrc", "hostname", "hostname_resolves", "mysql", "ovs", "done");
    private static final Pattern KEY_VALUE = Pattern.compile("([a-z][a-z0-9_]*)=[^\n]*");

    /** Everything the class started, stopped last-first in {@link #stopTheLab()} whatever happened. */
    private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();
    private static Path labDir;
    private static SshLabKeys keys;
    @RegisterExtension
    @Order(1)
    static final ClassLab<NetNamespace> BUSY = NetNamespace.perClass();
    @RegisterExtension
    @Order(2)
    static final ClassLab<NetNamespace> BARE = NetNamespace.perClass();
    @RegisterExtension
    @Order(3)
    static final ClassLab<MariaDbServer> MARIADB = MariaDbServer.perClass(server -> server.inNamespace(BUSY.get())
            .port(3306).rootPassword(DB_PASSWORD));
    @RegisterExtension
    @Order(4)
    static final ClassLab<OvsdbServer> OVS = OvsdbServer.perClass();

    @TempDir
    Path dir;

    @BeforeAll
    static void startTheLab() throws Exception {
        for (String program : List.of(SshdHost.SSHD, "/usr/bin/mysql", "/usr/bin/memcached", "/usr/bin/python3",
                "/usr/bin/screen", "/usr/bin/sudo", "/usr/bin/ovs-vsctl", "/usr/sbin/runuser")) {
            Requirements.requireExecutable(program);
        }
        // 0755 down to the OVS socket: what keeps a non-root login out is the socket's own mode
        labDir = Files.createTempDirectory("pfit");
        Files.setPosixFilePermissions(labDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        STARTED.push(() -> LabCommand.tryRun(List.of("rm", "-rf", "--", labDir.toString())));
        keys = SshLabKeys.createTemp("pfit-keys");
        STARTED.push(keys::deleteAll);
        // screen -ls (the script's, too) makes the login's socket directory; gone with the user, or the next
        // user of this name, with another uid, finds screen refusing it
        STARTED.push(() -> LabCommand.tryRun(List.of("rm", "-rf", "/run/screen/S-" + USER)));
        STARTED.push(LabUser.ensure(USER));
        SshdHost busySshd = SshdHost.inNamespace("busy", BUSY.get(), keys.dir().resolve("busy"), keys.authorizedKeys());
        STARTED.push(busySshd);
        SshdHost bareSshd = SshdHost.inNamespace("bare", BARE.get(), keys.dir().resolve("bare"), keys.authorizedKeys());
        STARTED.push(bareSshd);
        busySshd.start();
        bareSshd.start();
        keys.writeKnownHosts(List.of(busySshd, bareSshd), false);

        listen(BUSY.get(), 5000, "/usr/bin/python3", "-m", "http.server", "5000", "--bind", "127.0.0.1",
                "--directory", Files.createDirectories(labDir.resolve("www")).toString());
        listen(BUSY.get(), 11211, "/usr/bin/memcached", "-l", "127.0.0.1", "-p", "11211", "-U", "0", "-m", "16", "-u", "root");
        // the run directory searchable, as Debian's ovs-ctl makes it (0755); the socket root's alone
        Files.setPosixFilePermissions(OVS.get().runDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(OVS.get().socket(), PosixFilePermissions.fromString("rwx------"));
    }

    @AfterAll
    static void stopTheLab() {
        while (!STARTED.isEmpty()) {
            try {
                STARTED.pop().close();
            } catch (Exception e) {
                System.err.println("PreflightScriptIT cleanup: " + e);
            }
        }
    }

    /** {@code argv} run inside {@code ns}, once it accepts connections on 127.0.0.1:{@code port} there. */
    private static void listen(NetNamespace ns, int port, String... argv) {
        String name = Path.of(argv[0]).getFileName().toString();
        ManagedProcess p = ManagedProcess.start(name, labDir.resolve(name + ".log"), ns.command(argv));
        STARTED.push(p);
        p.await(Duration.ofSeconds(20), () -> ns.exec(Duration.ofSeconds(5), "bash", "-c",
                "exec 3<>/dev/tcp/127.0.0.1/" + port).ok(), name + " on 127.0.0.1:" + port + " in " + ns.name());
    }

    // ---- 1. stack.sh still running

    @Test
    void aStackShRunningInTheTreeFailsForUnstackToStop() throws Exception {
        Path tree = devstackTree("sleep 600");
        try (ManagedProcess stack = ManagedProcess.start("stack.sh", dir.resolve("stack.log"),
                new ProcessBuilder("bash", "stack.sh").directory(tree.toFile()))) {
            Preflighted p = gather(onThisMachine(tree));

            assertThat(p.fact("stack_running").split("\\s+")).containsExactly(String.valueOf(stack.pid()));
            CheckResult c = p.check("stack-running");
            assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(c.fixup()).isEqualTo("unstack");
            assertThat(c.detail()).contains(String.valueOf(stack.pid()));
        }
    }

    @Test
    void aStackShRunningInAnotherTreeIsNotThisTreesBusiness() throws Exception {
        Path tree = devstackTree("sleep 600");
        // an old checkout beside it, its stack.sh still going: same name, a path that starts like the tree's
        Path old = Files.createDirectories(tree.resolveSibling("devstack.old"));
        Files.writeString(old.resolve("stack.sh"), "sleep 600\n");
        try (ManagedProcess elsewhere = ManagedProcess.start("stack.sh", dir.resolve("old-stack.log"),
                new ProcessBuilder("bash", "stack.sh").directory(old.toFile()))) {
            Preflighted p = gather(onThisMachine(tree));

            assertThat(elsewhere.isAlive()).isTrue();
            assertThat(p.fact("stack_running")).isBlank();
            assertThat(p.check("stack-running").status()).isEqualTo(CheckStatus.PASS);
        }
    }

    @Test
    void aProcessThatOnlyNamesStackShIsNotARunningStackSh() throws Exception {
        // the tree is the login's home, where sshd starts the preflight itself: its own command line names
        // stack.sh many times over, and so does someone following the log there
        Path tree = Path.of(LabCommand.run("getent", "passwd", USER).trim().split(":")[5]);
        Files.writeString(tree.resolve("stack.sh"), "sleep 600\n");
        Files.writeString(tree.resolve("stack.sh.log"), "+ ./stack.sh:main:1\n");
        try (ManagedProcess tail = ManagedProcess.start("tail", dir.resolve("tail.log"),
                new ProcessBuilder("tail", "-f", "stack.sh.log").directory(tree.toFile()))) {
            Preflighted p = gather(overSsh(BARE.get(), USER, tree));

            assertThat(tail.isAlive()).isTrue();
            assertThat(p.fact("stack_running")).isBlank();
            assertThat(p.check("stack-running").status()).isEqualTo(CheckStatus.PASS);
        } finally {
            Files.deleteIfExists(tree.resolve("stack.sh"));
            Files.deleteIfExists(tree.resolve("stack.sh.log"));
        }
    }

    // ---- 2. the 2016 screen session

    @Test
    void aDetachedScreenSessionNamedStackFailsForUnstackToQuit() throws Exception {
        try (ScreenSession ignored = ScreenSession.start(USER, "stack", "sleep", "600")) {
            Preflighted p = gather(overSsh(BARE.get(), USER, dir.resolve("devstack")));

            assertThat(p.fact("screen_stack")).isEqualTo("1");
            assertThat(p.fact("stack_running")).isBlank();
            CheckResult c = p.check("stack-running");
            assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(c.fixup()).isEqualTo("unstack");
        }
    }

    @Test
    void asRootOnAHostWithoutRunScreenItLeavesNoneBehind() throws Exception {
        // a host booted without systemd-tmpfiles (a container, a chroot) has no /run/screen until screen makes
        // one; made by root it is 0755, and the stack user's screen refuses it ("must have mode 777")
        Path run = Files.createDirectories(dir.resolve("run"));

        Preflighted p = gather(onThisMachine(devstackTree("sleep 600")), LocalTestShell.withRun(run));

        assertThat(p.fact("screen_stack")).isEqualTo("0");
        assertThat(run.resolve("screen")).as("preflight is read-only").doesNotExist();
    }

    // ---- 3. DevStack's ports

    @Test
    void aForeignProgramOnKeystonesPortFailsNamingIt() throws Exception {
        Preflighted p = gather(overSsh(BUSY.get(), "root", dir.resolve("devstack")));

        assertThat(p.fact("port_5000")).isEqualTo("python3");
        assertThat(p.fact("port_11211")).isEqualTo("memcached");
        assertThat(p.fact("port_3306")).isEqualTo("mariadbd");
        assertThat(p.facts().portOwners()).as("nothing on 80").doesNotContainKey(80);
        CheckResult c = p.check("ports");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.detail()).contains("5000 (python3)").doesNotContain("11211").doesNotContain("3306");
        assertThat(c.fixup()).isNull();
    }

    @Test
    void aLoginThatCannotSeeOwnersReportsThePortsInUse() throws Exception {
        Preflighted p = gather(overSsh(BUSY.get(), USER, dir.resolve("devstack")));

        assertThat(p.fact("port_5000")).isEqualTo("in-use");
        assertThat(p.fact("port_11211")).isEqualTo("in-use");
        assertThat(p.fact("port_3306")).isEqualTo("in-use");
        assertThat(p.facts().portOwners()).as("nothing on 80").doesNotContainKey(80);
        // an owner nobody can name gets the benefit of the doubt (the sudo check fails such a login anyway)
        assertThat(p.check("ports").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void withNothingListeningThePortsPass() throws Exception {
        Preflighted p = gather(overSsh(BARE.get(), USER, dir.resolve("devstack")));

        for (int port : Preflight.DEVSTACK_PORTS) {
            assertThat(p.facts().portOwners()).as("port " + port).doesNotContainKey(port);
        }
        assertThat(p.check("ports").status()).isEqualTo(CheckStatus.PASS);
    }

    // ---- 4. MySQL on 127.0.0.1:3306

    @Test
    void mysqlAcceptingTheSpecsPasswordPasses() throws Exception {
        MARIADB.get().setRootPassword(DB_PASSWORD);

        Preflighted p = gather(overSsh(BUSY.get(), USER, dir.resolve("devstack")));

        assertThat(p.fact("mysql")).isEqualTo("ok");
        assertThat(p.check("mysql").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void mysqlRefusingTheSpecsPasswordFailsForTheRootPasswordFixup() throws Exception {
        MARIADB.get().setRootPassword("setByAnEarlierRun1");
        try {
            Preflighted p = gather(overSsh(BUSY.get(), USER, dir.resolve("devstack")));

            assertThat(p.fact("mysql")).contains("ERROR 1045");
            CheckResult c = p.check("mysql");
            assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(c.fixup()).isEqualTo("mysql-root-password");
        } finally {
            MARIADB.get().setRootPassword(DB_PASSWORD);
        }
    }

    @Test
    void mysqlInstalledButNotRunningPassesForStackShStartsIt() throws Exception {
        // in bare the client is there and nothing listens on 127.0.0.1:3306, as after the server was stopped
        Preflighted p = gather(overSsh(BARE.get(), USER, dir.resolve("devstack")));

        assertThat(p.fact("mysql")).isNotIn("ok", "absent");
        CheckResult c = p.check("mysql");
        assertThat(c.status()).as(p.fact("mysql")).isEqualTo(CheckStatus.PASS);
        assertThat(c.detail()).contains("not running");
    }

    // ---- 5. the OVS database socket

    @Test
    void aUsableOvsSocketPasses() throws Exception {
        Preflighted p = gather(onThisMachine(dir.resolve("devstack"), OVS.get().socket()));

        assertThat(p.fact("ovs")).isEqualTo("ok");
        assertThat(p.check("ovs").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void anOvsSocketTheLoginMayNotUseFailsForThePermissionsFixup() throws Exception {
        assertThat(Files.getOwner(OVS.get().socket()).getName()).isEqualTo("root");
        assertThat(Files.getPosixFilePermissions(OVS.get().socket())).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        Preflighted p = gather(overSsh(BARE.get(), USER, dir.resolve("devstack"), OVS.get().socket()));

        assertThat(p.fact("ovs")).contains("Permission denied");
        CheckResult c = p.check("ovs");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.fixup()).isEqualTo("ovs-socket-permissions");
    }

    @Test
    void anOvsSocketBehindADirectoryTheLoginMayNotSearchIsNotAbsent() throws Exception {
        // as behind the fix-up's own 2750 root:GROUP directory, for a login outside that group
        Set<PosixFilePermission> was = Files.getPosixFilePermissions(OVS.get().runDir());
        Files.setPosixFilePermissions(OVS.get().runDir(), PosixFilePermissions.fromString("rwxr-x---"));
        try {
            Preflighted p = gather(overSsh(BARE.get(), USER, dir.resolve("devstack"), OVS.get().socket()));

            assertThat(p.fact("ovs")).contains("Permission denied");
            assertThat(p.check("ovs").status()).isEqualTo(CheckStatus.FAIL);
            assertThat(p.check("ovs").fixup()).isEqualTo("ovs-socket-permissions");
        } finally {
            Files.setPosixFilePermissions(OVS.get().runDir(), was);
        }
    }

    @Test
    void noOvsSocketMeansNoOvsCheck() throws Exception {
        Preflighted p = gather(onThisMachine(dir.resolve("devstack"), dir.resolve("run/openvswitch/db.sock")));

        assertThat(p.fact("ovs")).isEqualTo("absent");
        assertThat(p.find("ovs")).isEmpty();
    }

    // ---- 6. which distros the tree supports

    @Test
    void aTreeThatSupportsThisDistroPasses() throws Exception {
        Path tree = devstackTree("""
                # Warn users who aren't on an explicitly supported distro, but allow them to
                # override check and attempt installation with ``export FORCE=yes``
                SUPPORTED_DISTROS="bookworm|jammy|noble|rhel9"

                if [[ ! ${DISTRO} =~ $SUPPORTED_DISTROS ]]; then
                    echo "WARNING: this script has not been tested on $DISTRO"
                fi
                """);

        Preflighted p = gather(onThisMachine(tree));

        Map<String, String> os = osRelease();
        assertThat(p.fact("distro_id")).isEqualTo(os.get("ID"));
        assertThat(p.fact("distro_codename")).isEqualTo(os.get("VERSION_CODENAME"));
        assertThat(p.fact("distro_version")).isEqualTo(os.get("VERSION_ID"));
        assertThat(p.fact("supported")).isEqualTo("bookworm|jammy|noble|rhel9");
        // this machine is Debian 12, bookworm
        assertThat(p.check("distro").status()).as(p.check("distro").detail()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void a2016TreeThatPredatesThisDistroFails() throws Exception {
        Path tree = devstackTree("""
                # Warn users who aren't on an explicitly supported distro, but allow them to
                # override check and attempt installation with ``FORCE=yes ./stack``
                if [[ ! ${DISTRO} =~ (trusty|xenial|jessie|f23|f24|rhel7) ]]; then
                    echo "WARNING: this script has not been tested on $DISTRO"
                fi
                """);

        Preflighted p = gather(onThisMachine(tree));

        assertThat(p.fact("supported")).isEqualTo("trusty|xenial|jessie|f23|f24|rhel7");
        CheckResult c = p.check("distro");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.detail()).contains("trusty|xenial|jessie|f23|f24|rhel7");
    }

    // ---- 7. a localrc from an earlier DevStack

    @Test
    void aStaleLocalrcAndItsPasswordFileWarn() throws Exception {
        Path tree = devstackTree("sleep 600");
        Files.writeString(tree.resolve("localrc"), "ADMIN_PASSWORD=old\n");
        Files.writeString(tree.resolve(".localrc.password"), "old\n");

        Preflighted p = gather(onThisMachine(tree));

        assertThat(p.fact("stale_localrc").split("\\s+")).containsExactlyInAnyOrder("localrc", ".localrc.password");
        assertThat(p.check("stale-localrc").status()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void aTreeWithoutLocalrcIsNotStale() throws Exception {
        Preflighted p = gather(onThisMachine(devstackTree("sleep 600")));

        assertThat(p.fact("stale_localrc")).isBlank();
        assertThat(p.check("stale-localrc").status()).isEqualTo(CheckStatus.PASS);
    }

    // ---- 8. who logs in

    @Test
    void aLoginWithoutSudoRightsFailsWithSudosOwnWords() throws Exception {
        LabCommand.Result refusal = LabCommand.tryRun(List.of("runuser", "-u", USER, "--", "sudo", "-n", "true"));
        assertThat(refusal.exit()).as("%s has no sudo rights", USER).isNotZero();

        Preflighted p = gather(overSsh(BARE.get(), USER, dir.resolve("devstack")));

        // sudo's words, less its warning on a host whose own name does not resolve (the hostname check's business)
        assertThat(p.fact("sudo")).isEqualTo(refusal.output().lines()
                .filter(l -> !l.startsWith("sudo: unable to resolve host ")).map(String::strip)
                .filter(l -> !l.isEmpty()).collect(java.util.stream.Collectors.joining(" ")));
        assertThat(p.check("sudo").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(p.fact("user")).isEqualTo(USER);
        assertThat(p.fact("uid")).isEqualTo(LabCommand.run("id", "-u", USER).strip());
        assertThat(p.check("non-root").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aRootLoginFailsBecauseStackShRefusesRoot() throws Exception {
        Preflighted p = gather(onThisMachine(dir.resolve("devstack")));

        assertThat(p.fact("uid")).isEqualTo("0");
        assertThat(p.fact("user")).isEqualTo("root");
        assertThat(p.check("non-root").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(p.fact("sudo")).isEqualTo("ok");
        assertThat(p.check("sudo").status()).isEqualTo(CheckStatus.PASS);
    }

    // ---- 9. the machine itself

    @Test
    void theFactsAboutThisMachineAreThisMachines() throws Exception {
        // the tree is not cloned yet: its space is the nearest directory that exists
        Path tree = dir.resolve("opt/stack/devstack");

        long freeBeforeKb = Files.getFileStore(dir).getUsableSpace() / 1024;
        Preflighted p = gather(onThisMachine(tree));
        long freeAfterKb = Files.getFileStore(dir).getUsableSpace() / 1024;

        assertThat(p.fact("cpus")).isEqualTo(LabCommand.run("nproc").strip());
        assertThat(p.fact("mem_kb")).isEqualTo(memTotalKb());
        assertThat(p.fact("disk_path")).isEqualTo(dir.toString());
        // other writers share the file system: df's answer lies between the readings around it, give or take 1%
        assertThat(p.facts().capacity().diskFreeKb().orElseThrow()).isBetween(Math.min(freeBeforeKb, freeAfterKb) * 99 / 100,
                Math.max(freeBeforeKb, freeAfterKb) * 101 / 100);
        boolean enUs = LabCommand.tryRun(List.of("locale", "-a")).output().lines()
                .anyMatch(l -> l.strip().matches("(?i)en_US\\.utf-?8"));
        assertThat(p.facts().enUsLocale() == HostFacts.Flag.YES).as("locale=%s, locale -a lists en_US.utf8: %s", p.fact("locale"), enUs)
                .isEqualTo(enUs);
        assertThat(p.check("locale").status()).isEqualTo(enUs ? CheckStatus.PASS : CheckStatus.WARN);
        assertThat(p.fact("ntp")).isIn("yes", "no", "unknown");
        assertThat(p.check("clock").status()).isNotEqualTo(CheckStatus.FAIL);
        if (p.fact("ntp").equals("unknown")) {
            assertThat(p.check("clock").status()).isEqualTo(CheckStatus.PASS);
        }
    }

    @Test
    void aHostWhoseOwnNameIsInEtcHostsResolves() throws Exception {
        Preflighted p = gather(onThisMachine(devstackTree("sleep 600")), LocalTestShell.named("localhost"));

        assertThat(p.fact("hostname")).isEqualTo("localhost");
        assertThat(p.fact("hostname_resolves")).isEqualTo("hosts");
        assertThat(p.check("hostname").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aHostWhoseOwnNameResolvesNowhereWarnsWithTheLineThatMendsIt() throws Exception {
        // .invalid never resolves (RFC 6761), in /etc/hosts or DNS
        Preflighted p = gather(onThisMachine(devstackTree("sleep 600")), LocalTestShell.named("cloud-vm.invalid"));

        assertThat(p.fact("hostname")).isEqualTo("cloud-vm.invalid");
        assertThat(p.fact("hostname_resolves")).isEqualTo("no");
        CheckResult c = p.check("hostname");
        assertThat(c.status()).isEqualTo(CheckStatus.WARN);
        assertThat(c.detail()).contains("cloud-vm.invalid does not resolve");
        assertThat(c.remedy()).isEqualTo("echo '127.0.1.1 cloud-vm.invalid' | sudo tee -a /etc/hosts");
    }

    private static String memTotalKb() throws Exception {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> l.split("\\s+")[1]).findFirst().orElseThrow();
    }

    private static Map<String, String> osRelease() throws Exception {
        Map<String, String> m = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
            }
        }
        return m;
    }

    // ---- 10. the report itself

    @Test
    void theReportIsKeyValueLinesWithEveryFactAndDoneLast() throws Exception {
        // the login that can do least: no sudo, no owners in ss, a refused socket, no server on 3306
        Preflighted p = gather(overSsh(BARE.get(), USER, dir.resolve("opt/stack/devstack"), OVS.get().socket()));

        assertThat(p.stdout().lines().map(line -> line.substring(0, line.indexOf('=')))).containsAll(ALWAYS);
        List<String> lines = p.stdout().lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("done=yes");
    }

    // ---- the situation's host, the run, and what came of it

    /** A DevStack tree whose stack.sh has {@code body}. */
    private Path devstackTree(String body) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("opt/stack/devstack"));
        Files.writeString(tree.resolve("stack.sh"), "#!/usr/bin/env bash\n" + body + "\n");
        return tree;
    }

    private Host onThisMachine(Path tree) {
        return onThisMachine(tree, dir.resolve("no-ovs/db.sock"));
    }

    private Host onThisMachine(Path tree, Path ovsSock) {
        return host("local", "{user: root}", tree, ovsSock);
    }

    private Host overSsh(NetNamespace ns, String login, Path tree) {
        return overSsh(ns, login, tree, dir.resolve("no-ovs/db.sock"));
    }

    private Host overSsh(NetNamespace ns, String login, Path tree, Path ovsSock) {
        return host(ns.address(), "{user: %s, port: 22, identity: '%s', known_hosts: '%s', host_keys: strict}"
                .formatted(login, keys.clientKey(), keys.knownHosts()), tree, ovsSock);
    }

    private Host host(String address, String ssh, Path tree, Path ovsSock) {
        return TestSpecs.load(dir, """
                version: 1
                defaults:
                  ssh: %s
                  devstack: {repo: https://opendev.org/openstack/devstack, ref: master, dir: '%s'}
                  passwords: {admin: pfitadmin1, database: %s, rabbit: pfitrabbit1, service: pfitsvc1}
                  paths: {state_dir: '%s', ovs_db_sock: '%s'}
                hosts:
                  - {name: pfit, address: %s, role: controller, host_ip: 127.0.0.1}
                """.formatted(ssh, tree, DB_PASSWORD, dir.resolve("state"), ovsSock, address)).hosts().get(0);
    }

    /**
     * Gathers and evaluates as a deploy does, and holds every run to what the report is: key=value lines, each
     * key once, ending in done=yes; the database password on no command line.
     */
    private static Preflighted gather(Host host) throws RemoteException {
        return gather(host, new SshHostConnector(CONNECTOR).open(host));
    }

    private static Preflighted gather(Host host, RemoteShell login) throws RemoteException {
        try (Transcript shell = new Transcript(login)) {
            HostFacts facts = PREFLIGHT.gather(shell, host);
            List<CheckResult> checks = PREFLIGHT.evaluate(host, facts);
            String stdout = shell.result.stdout();
            assertThat(stdout.lines()).as(stdout).allMatch(l -> KEY_VALUE.matcher(l).matches());
            assertThat(stdout.lines().map(l -> l.substring(0, l.indexOf('=')))).as(stdout).doesNotHaveDuplicates();
            assertThat(facts.complete()).as(stdout).isTrue();
            assertThat(facts.malformed()).as(stdout).isEmpty();
            assertThat(shell.command.commandLine()).doesNotContain(host.passwords().database().reveal());
            return new Preflighted(facts, checks, stdout);
        }
    }

    record Preflighted(HostFacts facts, List<CheckResult> checks, String stdout) {
        /** The fact as the script printed it, before parsing: these tests hold the script to its output. */
        String fact(String key) {
            return stdout.lines().filter(line -> line.startsWith(key + "=")).map(line -> line.substring(key.length() + 1).trim())
                    .findFirst().orElseThrow(() -> new AssertionError("no fact " + key + " in:\n" + stdout));
        }

        Optional<CheckResult> find(String name) {
            return checks.stream().filter(c -> c.check().equals(name)).findFirst();
        }

        CheckResult check(String name) {
            return find(name).orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
        }
    }

    /** The real shell; keeps the command preflight sent and what came back. */
    private static final class Transcript extends ForwardingShell {
        private RemoteCommand command;
        private CommandResult result;

        Transcript(RemoteShell shell) {
            super(shell);
        }

        @Override
        public CommandResult run(RemoteCommand cmd, OutputListener listener) throws RemoteException {
            command = cmd;
            result = shell.run(cmd, listener);
            return result;
        }
    }
}
