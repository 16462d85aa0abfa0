package io.provisioner.deploy;

import io.provisioner.sandbox.SandboxHost;
import io.provisioner.sandbox.SandboxLab;
import io.provisioner.sandbox.SandboxOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Support for the fault tests: a spec file pointing at sandbox hosts (written by hand, as a user would),
 * and the packaged provisioner run as a separate process, so it can be killed while the sandbox lives on.
 */
final class FaultLab {
    /**
     * Settings shared by every fault spec. SERVICE_TIMEOUT: the simulator scales DevStack's 60 s wait for a
     * service down to 5 s, which a loaded test machine can miss; 10000 gives 20 s ("keystone did not start"); these tests are
     * about the orchestration, not about slow services.
     */
    static final String DEFAULTS = """
              passwords: {admin: faultadmin1, database: faultdb1, rabbit: faultrabbit1, service: faultsvc1}
              git_base: auto
              localrc: {LOG_COLOR: "False", SERVICE_TIMEOUT: "10000"}
              fixups: auto
              retries: %d
              timeouts: {stack: 10m, command: 3m, connect: 10s}
            """;

    /**
     * 25 times the sandbox's default: the embedded hosts' stack.sh takes some 30 s on an idle machine (measured:
     * 8 s at the default, 15 s at 0.02, 29 s at 0.05), long enough for a test to act on a deploy while its
     * stack.sh is still running.
     */
    static final String SLOW_TIME_SCALE = "0.05";

    private FaultLab() {
    }

    /**
     * A lab whose stack.sh runs at {@link #SLOW_TIME_SCALE}: SandboxLab reads the {@code sandbox.timeScale}
     * property once, at start (the property is put back afterwards). A SIM_TIME_SCALE in the environment
     * overrides the property, so a faster scale from there is refused rather than raced.
     */
    static SandboxLab slowLab(SandboxOptions options) throws IOException {
        String before = System.getProperty("sandbox.timeScale");
        System.setProperty("sandbox.timeScale", SLOW_TIME_SCALE);
        SandboxLab lab;
        try {
            lab = SandboxLab.start(options);
        } finally {
            if (before == null) {
                System.clearProperty("sandbox.timeScale");
            } else {
                System.setProperty("sandbox.timeScale", before);
            }
        }
        String scale = lab.environment(lab.hosts().get(0)).get("SIM_TIME_SCALE");
        if (Double.parseDouble(scale) < Double.parseDouble(SLOW_TIME_SCALE)) {
            lab.close();
            throw new IllegalStateException("stack.sh must run at a time scale of at least " + SLOW_TIME_SCALE
                    + ", the environment's SIM_TIME_SCALE makes it " + scale);
        }
        return lab;
    }

    /**
     * The deploy whose journal is in {@code state} follows a running stack.sh and has read some of its log: a
     * journaled offset past 0 (written only once the launcher has answered and the follow has polled).
     */
    static boolean followingStack(Path state) {
        return Journal.read(state).stream().anyMatch(r -> r.step().equals("stack")
                && Long.parseLong(r.data().getOrDefault("offset", "0")) > 0);
    }

    /** A spec for the lab's hosts: the first is the controller, the rest computes. */
    static Path specFor(SandboxLab lab, Path file, int retries) {
        return specFor(lab, file, retries, java.util.Map.of());
    }

    /**
     * As above, with extra YAML lines (indented 4) for some hosts, by name, and the hosts after the first
     * reached through {@link LoopbackRelay}s on 127.0.0.(20+i) (added to {@code relays}; the caller closes
     * them), with a known_hosts file of their own naming the relay addresses.
     */
    static Path specFor(SandboxLab lab, Path file, int retries, java.util.Map<String, String> extra,
                        List<LoopbackRelay> relays) throws IOException {
        StringBuilder known = new StringBuilder(Files.readString(lab.knownHostsFile()));
        java.util.Map<String, String> more = new java.util.HashMap<>(extra);
        for (int i = 1; i < lab.hosts().size(); i++) {
            SandboxHost h = lab.hosts().get(i);
            String address = "127.0.0." + (20 + i);
            LoopbackRelay relay = new LoopbackRelay(address, h.port());
            relays.add(relay);
            String line = Files.readAllLines(lab.knownHostsFile()).stream()
                    .filter(l -> l.startsWith("[127.0.0.1]:" + h.port() + " ")).findFirst().orElseThrow();
            known.append(line.replace("[127.0.0.1]:" + h.port(), "[" + address + "]:" + relay.port())).append('\n');
            more.put(h.name(), more.getOrDefault(h.name(), "") + "    address: " + address + "\n    ssh: {user: "
                    + h.user() + ", port: " + relay.port() + ", identity: '" + lab.identityFile() + "', known_hosts: '"
                    + file.resolveSibling("known_hosts") + "', host_keys: strict}\n");
        }
        Files.writeString(file.resolveSibling("known_hosts"), known.toString());
        return specFor(lab, file, retries, more);
    }

    /** As above, with extra YAML lines (indented 4) for some hosts, by name. */
    static Path specFor(SandboxLab lab, Path file, int retries, java.util.Map<String, String> extra) {
        StringBuilder y = new StringBuilder("version: 1\ndefaults:\n").append(DEFAULTS.formatted(retries)).append("hosts:\n");
        List<SandboxHost> hosts = lab.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            SandboxHost h = hosts.get(i);
            String own = extra.getOrDefault(h.name(), "");
            y.append("  - name: ").append(h.name()).append('\n')
                    .append("    role: ").append(i == 0 ? "controller" : "compute").append('\n')
                    // HOST_IP is where the simulated host's endpoints listen, not the SSH address
                    .append("    host_ip: ").append(h.hostIp()).append('\n');
            if (!own.contains("    address: ")) {
                y.append("    address: ").append(h.address()).append('\n')
                        .append("    ssh: {user: ").append(h.user()).append(", port: ").append(h.port())
                        .append(", identity: '").append(lab.identityFile()).append("', known_hosts: '")
                        .append(lab.knownHostsFile()).append("', host_keys: strict}\n");
            }
            y.append("    devstack: {repo: '").append(h.devstackRepo()).append("', ref: master, dir: '")
                    .append(h.devstackDir()).append("'}\n")
                    .append("    paths: {mysql_maintenance_cnf: '").append(h.paths().mysqlMaintenanceCnf())
                    .append("', ovs_db_sock: '").append(h.paths().ovsDbSock())
                    .append("', log_dir: '").append(h.paths().logDir())
                    .append("', state_dir: '").append(h.paths().stateDir())
                    .append("', apt_dir: '").append(h.paths().aptDir())
                    // inside the host root: a fix-up must never write the test machine's own /etc
                    .append("', systemd_dir: '").append(h.paths().systemdDir())
                    .append("', tmpfiles_dir: '").append(h.paths().tmpfilesDir()).append("'}\n")
                    .append(extra.getOrDefault(h.name(), ""));
        }
        try {
            Files.writeString(file, y.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The packaged jar (failsafe sets PROVISIONER_JAR; target/provisioner.jar otherwise). */
    static Path jar() {
        String env = System.getenv("PROVISIONER_JAR");
        return Path.of(env != null ? env : "target/provisioner.jar").toAbsolutePath();
    }

    /** Starts {@code java -jar provisioner.jar args...}, stdout and stderr into {@code log}. */
    static Process start(Path log, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the jar to its end (bounded), returning the exit code. */
    static int run(Path log, Duration limit, String... args) throws InterruptedException {
        Process p = start(log, args);
        try {
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("provisioner did not finish within " + limit + ": " + read(log));
            }
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
