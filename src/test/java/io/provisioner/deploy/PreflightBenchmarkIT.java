package io.provisioner.deploy;

import io.provisioner.lab.LoadAverage;
import io.provisioner.lab.LabUser;
import io.provisioner.lab.MachineCpu;
import io.provisioner.lab.Requirements;
import io.provisioner.lab.SshdHost;
import io.provisioner.lab.SshdLab;
import io.provisioner.lab.TimedCommand;
import io.provisioner.shell.ShellQuote;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code preflight} on 50 real sshd (127.0.1.1-50) next to parallel-ssh -p 50 and ansible -f 50 -m shell
 * running the SAME preflight.sh body on the same hosts, rounds alternating, in one run. Prints wall and CPU
 * (ours: the JVM's process CPU; theirs: rusage of the tool and its ssh children via /usr/bin/time; sshd's
 * side is not counted for anyone). Asserts only that every host was checked by every tool.
 * Run: mvn -B -o -Pbench verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PreflightBenchmarkIT
 */
@Tag("benchmark")
class PreflightBenchmarkIT {
    static final int HOSTS = 50;
    static final int ROUNDS = 2;
    /** The checks that need the network (git ls-remote, apt-get update, the proxy) are skipped for all tools. */
    static final Set<String> OFFLINE_SKIPS = Set.of("git", "apt", "proxy");
    /**
     * Every tool logs in as this fresh account (Debian's skeleton home). sshd runs each command through the
     * login shell and Debian's bash sources ~/.bashrc for it: a root .bashrc that does real work (pyenv init
     * on our build machine, ~2.5 s) would be paid once per command, by Ansible several times per host.
     */
    static final String USER = "labbench";

    @RegisterExtension
    static final SshdLab LAB = SshdLab.on(addresses()).withLogLevel("INFO");

    @TempDir
    Path tmp;

    static List<String> addresses() {
        List<String> a = new ArrayList<>();
        for (int i = 1; i <= HOSTS; i++) {
            a.add("127.0.1." + i);
        }
        return a;
    }

    /** {@code targetSide}: what the machine was busy with besides the tool: the 50 targets' sshd and checks. */
    record Sample(String tool, int round, double wall, double cpu, double targetSide, int checked, String load,
                  long sshdAlive) {
        Sample(String tool, int round, double wall, double cpu, MachineCpu before, int checked) {
            this(tool, round, wall, cpu, MachineCpu.now().busySecondsSince(before) - cpu, checked, LoadAverage.now(),
                    aliveSshd());
        }
    }

    /** sshd processes of the lab still alive after a sample: a host lost to something outside the test shows here. */
    static long aliveSshd() {
        return LAB.hosts().stream().filter(h -> ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false)).count();
    }

    @Test
    void preflightOnFiftyHostsNextToParallelSshAndAnsible() throws Exception {
        Requirements.requireExecutable("/usr/bin/parallel-ssh");
        Requirements.requireExecutable("/usr/bin/ansible");
        try (LabUser user = LabUser.ensure(USER)) {
            compare();
        }
    }

    private void compare() throws Exception {
        Spec spec = TestSpecs.load(tmp, specYaml());
        String remote = remoteCommand(spec.executionOrder().get(0));
        Path psshHosts = Files.writeString(tmp.resolve("pssh-hosts"), LAB.hosts().stream()
                .map(h -> h.address() + ":" + h.port()).collect(Collectors.joining("\n", "", "\n")));
        Path inventory = Files.writeString(tmp.resolve("inventory.ini"), inventory());
        Path jar = Path.of("target/provisioner.jar");

        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            samples.add(ours(spec, round));
            samples.add(pssh(psshHosts, remote, round));
            samples.add(ansible(inventory, remote, round));
            if (Files.exists(jar)) {
                samples.add(cli("provisioner CLI", List.of(javaBin(), "-jar", jar.toString()), round));
                // as a user runs it: the launcher, with the package step's CDS archive
                samples.add(cli("bin/provisioner", List.of(Path.of("bin/provisioner").toAbsolutePath().toString()), round));
            }
        }
        String report = report(samples);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/bench-preflight.txt"), report);
        assertThat(samples).allSatisfy(s -> assertThat(s.checked).as(s.tool + " round " + s.round).isEqualTo(HOSTS));
    }

    /** One spec host per lab sshd, as {@link #USER} (every check runs; sudo and the like may fail, which is fine here). */
    private String specYaml() {
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < HOSTS; i++) {
            SshdHost h = LAB.host(i);
            hosts.append("  - {name: ").append(h.name()).append(", address: ").append(h.address())
                    .append(", role: ").append(i == 0 ? "controller" : "compute")
                    .append(", ssh: {port: ").append(h.port()).append("}}\n");
        }
        return """
                version: 1
                defaults:
                  ssh: {user: %s, identity: %s, known_hosts: %s, host_keys: strict}
                  devstack: {repo: https://opendev.org/openstack/devstack, ref: master, dir: %s}
                  git_base: https://opendev.org
                  passwords: {admin: benchadmin1, database: benchdb1, rabbit: benchrabbit1, service: benchsvc1}
                  timeouts: {connect: 20s}
                hosts:
                %s""".formatted(USER, LAB.keys().clientKey(), LAB.keys().knownHosts(), tmp.resolve("devstack"), hosts);
    }

    /** The same script body, arguments and (empty) network checks our preflight sends, as one shell command. */
    private static String remoteCommand(Host host) throws IOException {
        String script;
        try (InputStream in = Preflight.class.getResourceAsStream("/io/provisioner/deploy/preflight.sh")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String ports = Preflight.DEVSTACK_PORTS.stream().map(String::valueOf).collect(Collectors.joining(","));
        return ShellQuote.join(List.of("bash", "-c", script, "bash", host.devstack().dir(), host.paths().ovsDbSock(),
                "", "", "", "", ports)) + " </dev/null";
    }

    private String inventory() {
        StringBuilder b = new StringBuilder("[lab]\n");
        for (SshdHost h : LAB.hosts()) {
            b.append(h.name()).append(" ansible_host=").append(h.address()).append(" ansible_port=").append(h.port())
                    .append(" ansible_user=").append(USER).append(" ansible_ssh_private_key_file=").append(LAB.keys().clientKey())
                    .append(" ansible_python_interpreter=/usr/bin/python3\n");
        }
        return b.toString();
    }

    private Sample ours(Spec spec, int round) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        FleetPreflight preflight = new FleetPreflight(new SshHostConnector(), PreflightOptions.defaults().skipping(OFFLINE_SKIPS));
        long cpu0 = os.getProcessCpuTime();
        MachineCpu machine0 = MachineCpu.now();
        long t0 = System.nanoTime();
        List<FleetPreflight.HostChecks> results = preflight.run(spec.executionOrder(), HOSTS);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        // checked = logged in and the script ran to its end (else evaluate reports "did not finish")
        int checked = (int) results.stream().filter(r -> !r.unreachable()
                && r.checks().stream().anyMatch(c -> c.check().equals("auth") && c.status() == CheckStatus.PASS)).count();
        results.stream().filter(r -> r.checks().stream().noneMatch(c -> c.check().equals("auth") && c.status() == CheckStatus.PASS))
                .findFirst().ifPresent(r -> System.out.println("provisioner round " + round + ", first unchecked host: "
                        + r.host() + " " + r.checks()));
        return new Sample("provisioner (in JVM)", round, wall, cpu, machine0, checked);
    }

    /** The CLI as a user runs it: JVM start included; CPU of the whole java process via rusage. */
    private Sample cli(String tool, List<String> command, int round) {
        MachineCpu machine0 = MachineCpu.now();
        List<String> argv = new ArrayList<>(command);
        argv.addAll(List.of("preflight", "-f", tmp.resolve("hosts.yaml").toString(), "--parallel", String.valueOf(HOSTS),
                "--skip-check", String.join(",", OFFLINE_SKIPS)));
        TimedCommand.Timing t = TimedCommand.run(argv, Map.of(), 300);
        int checked = (int) t.output().lines().filter(l -> l.matches("host\\d+\\s+pass\\s+auth\\s.*")).count();
        return new Sample(tool, round, t.wallSeconds(), t.cpuSeconds(), machine0, checked);
    }

    private Sample pssh(Path hosts, String remote, int round) {
        Path outDir = tmp.resolve("pssh-out-" + round);
        MachineCpu machine0 = MachineCpu.now();
        TimedCommand.Timing t = TimedCommand.run(List.of("parallel-ssh", "-p", String.valueOf(HOSTS), "-t", "120",
                "-l", USER, "-h", hosts.toString(), "-o", outDir.toString(),
                "-O", "IdentityFile=" + LAB.keys().clientKey(), "-O", "UserKnownHostsFile=" + LAB.keys().knownHosts(),
                "-O", "StrictHostKeyChecking=yes", "-O", "BatchMode=yes", "-O", "IdentitiesOnly=yes", remote), Map.of(), 300);
        int checked = 0;
        try (var files = Files.list(outDir)) {
            for (Path f : files.toList()) {
                if (Files.readString(f).contains("done=yes")) {
                    checked++;
                }
            }
        } catch (IOException e) {
            checked = 0;
        }
        return new Sample("parallel-ssh", round, t.wallSeconds(), t.cpuSeconds(), machine0, checked);
    }

    private Sample ansible(Path inventory, String remote, int round) throws IOException {
        // a fresh ControlPath dir per round: ansible's ControlPersist must not carry connections between rounds
        Path cp = Files.createDirectories(tmp.resolve("ansible-cp-" + round));
        MachineCpu machine0 = MachineCpu.now();
        TimedCommand.Timing t = TimedCommand.run(List.of("ansible", "all", "-i", inventory.toString(), "-f",
                String.valueOf(HOSTS), "-m", "shell", "-a", remote), Map.of(
                "ANSIBLE_SSH_CONTROL_PATH_DIR", cp.toString(),
                "ANSIBLE_SSH_COMMON_ARGS", "-o UserKnownHostsFile=" + LAB.keys().knownHosts() + " -o StrictHostKeyChecking=yes",
                "ANSIBLE_LOCAL_TEMP", Files.createDirectories(tmp.resolve("ansible-tmp")).toString(),
                "ANSIBLE_NOCOLOR", "1",
                "ANSIBLE_LOAD_CALLBACK_PLUGINS", "0"), 600);
        int checked = (int) t.output().lines().filter(l -> l.matches("host\\d+ \\| CHANGED \\| rc=0 >>")).count();
        if (checked < HOSTS) {
            System.out.println("ansible output (round " + round + "):\n" + t.output().lines().limit(40)
                    .collect(Collectors.joining("\n")));
        }
        return new Sample("ansible", round, t.wallSeconds(), t.cpuSeconds(), machine0, checked);
    }

    private static String report(List<Sample> samples) {
        StringBuilder r = new StringBuilder(String.format(Locale.ROOT,
                "PreflightBenchmarkIT: preflight.sh on %d sshd, parallel %d, %d rounds (skipped for all: %s)%n",
                HOSTS, HOSTS, ROUNDS, OFFLINE_SKIPS));
        for (Sample s : samples) {
            r.append(String.format(Locale.ROOT, "  %-20s round %d  wall %6.2f s  cpu %6.2f s  target side %6.2f s  checked %d/%d  sshd alive %d  load %s%n",
                    s.tool, s.round, s.wall, s.cpu, s.targetSide, s.checked, HOSTS, s.sshdAlive, s.load));
        }
        double psshWall = median(samples, "parallel-ssh", true);
        double ansibleWall = median(samples, "ansible", true);
        double psshCpu = median(samples, "parallel-ssh", false);
        r.append(String.format(Locale.ROOT, "%-20s %8s %8s %12s %14s %10s%n", "tool (median)", "wall s", "CPU s",
                "wall/pssh", "wall/ansible", "CPU/pssh"));
        for (String tool : samples.stream().map(Sample::tool).distinct().toList()) {
            double w = median(samples, tool, true);
            double cpu = median(samples, tool, false);
            r.append(String.format(Locale.ROOT, "%-20s %8.2f %8.2f %12.2f %14.3f %10.2f%n", tool, w, cpu,
                    w / psshWall, w / ansibleWall, cpu / psshCpu));
        }
        r.append("targets (issue 18, bin/provisioner): wall <= 1.0x parallel-ssh, <= 0.3x ansible; CPU <= 0.3x parallel-ssh's\n");
        // the 50 targets share this machine's cores: their side of the work alone bounds every tool's wall
        double[] side = samples.stream().filter(s -> s.tool.startsWith("provisioner (in JVM)"))
                .mapToDouble(Sample::targetSide).sorted().toArray();
        double floor = side[side.length / 2] / MachineCpu.cores();
        r.append(String.format(Locale.ROOT, "floor: the targets' side alone (sshd and the checks) takes %.2f s on %d cores"
                + " = %.2fx parallel-ssh's wall, %.3fx ansible's, for a tool that cost nothing%n",
                floor, MachineCpu.cores(), floor / psshWall, floor / ansibleWall));
        return r.toString();
    }

    private static double median(List<Sample> samples, String tool, boolean wall) {
        double[] v = samples.stream().filter(s -> s.tool.equals(tool)).mapToDouble(s -> wall ? s.wall : s.cpu)
                .sorted().toArray();
        return v[v.length / 2];
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
