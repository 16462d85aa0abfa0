package io.provisioner.sandbox;

import io.provisioner.lab.LabCommand;
import io.provisioner.lab.ScreenSession;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One simulated DevStack host on this machine whose failure points meet {@link RealComponents}: the
 * simulator tree under its own {@code SIM_ROOT}, run by the lab's non-root user. Only the programs that
 * would change this machine stay stand-ins ({@code sudo} runs the command as the same user, {@code
 * systemctl}/{@code service}/{@code chown}/{@code debconf-set-selections}, and {@code screen} unless the real
 * one is asked for); {@code git}, {@code mysql}, {@code mysqladmin}, {@code ovs-vsctl}, {@code curl},
 * {@code apt-get}, {@code id}, {@code stat} are the real programs. The service endpoints (Keystone's included)
 * are the sandbox's HTTP stand-ins on this host's own 127.x HOST_IP.
 */
final class RealComponentHost implements AutoCloseable {
    /** Stand-ins kept on PATH: each would otherwise change this machine (or needs root). */
    private static final Set<String> STAND_INS = Set.of("_standin.sh", "sudo", "systemctl", "service", "chown",
            "chgrp", "debconf-set-selections", "screen");

    /**
     * What the host is given: the era, local.conf's GIT_BASE and ENABLED_SERVICES, the proxy of the host's
     * environment (null: none) with or without HOST_IP in no_proxy, and the real screen or its stand-in.
     */
    record Setup(String era, String gitBase, String enabledServices, String proxyUrl, boolean hostIpInNoProxy,
                 boolean realScreen) {
        Setup withGitBase(String base) {
            return new Setup(era, base, enabledServices, proxyUrl, hostIpInNoProxy, realScreen);
        }

        Setup withNoProxyMissingHostIp() {
            return new Setup(era, gitBase, enabledServices, proxyUrl, false, realScreen);
        }

        Setup withRealScreen(String services) {
            return new Setup(era, gitBase, services, proxyUrl, hostIpInNoProxy, true);
        }
    }

    private final RealComponents lab;
    private final Setup setup;
    final Path root;
    final Path devstack;
    final String hostIp;
    private final EndpointServers endpoints;

    private RealComponentHost(RealComponents lab, Setup setup, Path root, String hostIp, EndpointServers endpoints) {
        this.lab = lab;
        this.setup = setup;
        this.root = root;
        this.devstack = root.resolve("opt/stack/devstack");
        this.hostIp = hostIp;
        this.endpoints = endpoints;
    }

    static RealComponentHost create(RealComponents lab, Setup setup) throws IOException {
        Path root = Files.createTempDirectory(lab.dir, "host-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        EndpointServers endpoints = null;
        String hostIp = null;
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 20 && endpoints == null; attempt++) {
            hostIp = "127." + (100 + random.nextInt(100)) + "." + random.nextInt(256) + "." + (10 + random.nextInt(200));
            EndpointServers candidate = new EndpointServers(root, hostIp);
            try {
                candidate.start(setup.era());
                endpoints = candidate;
            } catch (BindException e) {
                candidate.close();
            }
        }
        if (endpoints == null) {
            throw new IOException("no free 127.x address for the endpoints");
        }
        RealComponentHost host = new RealComponentHost(lab, setup, root, hostIp, endpoints);
        try {
            host.build();
            return host;
        } catch (IOException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    private void build() throws IOException {
        boolean old = "2016".equals(setup.era());
        SimulatorFiles.extract("devstack/", devstack, SimulatorFiles.Editor.forFile("sim-era", c -> setup.era() + "\n"));
        Path bin = root.resolve("standins");
        SimulatorFiles.extract("standins/", bin, SimulatorFiles.Editor.none());
        try (var files = Files.list(bin)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!STAND_INS.contains(name) || (setup.realScreen() && name.equals("screen"))) {
                    Files.delete(f);
                }
            }
        }
        if (setup.realScreen()) {
            ScreenSession.ensureSocketDirectory();
        }
        for (String d : List.of("tmp", "etc/systemd/system", "run/sim/services", "var/run/openvswitch")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(root.resolve("etc/os-release"), old
                ? "NAME=\"Ubuntu\"\nVERSION=\"14.04.4 LTS, Trusty Tahr\"\nID=ubuntu\nVERSION_ID=\"14.04\"\nVERSION_CODENAME=trusty\n"
                : "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n");
        Files.writeString(devstack.resolve("local.conf"), """
                [[local|localrc]]
                ADMIN_PASSWORD=secretadmin
                DATABASE_PASSWORD=%s
                RABBIT_PASSWORD=secretrabbit
                SERVICE_PASSWORD=secretservice
                HOST_IP=%s
                GIT_BASE=%s
                ENABLED_SERVICES=%s
                LOGFILE=$DEST/logs/stack.sh.log
                LOG_COLOR=False
                """.formatted(RealComponents.DATABASE_PASSWORD, hostIp, setup.gitBase(), setup.enabledServices()));
        LabCommand.run("chown", "-R", lab.user.name() + ":", root.toString());
    }

    /** The environment of the stack user's session: the lab's locations and the host's proxy variables. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", root.resolve("standins") + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", root.resolve("opt/stack").toString());
        env.put("USER", lab.user.name());
        env.put("LOGNAME", lab.user.name());
        env.put("SHELL", "/bin/bash");
        env.put("LANG", "C.UTF-8");
        env.put("TMPDIR", root.resolve("tmp").toString());
        env.put("SIM_ROOT", root.toString());
        env.put("SIM_USER", lab.user.name());
        env.put("SIM_STANDINS", root.resolve("standins").toString());
        env.put("SIM_TIME_SCALE", "0.001");
        env.put("SIM_MIN_TIMEOUT", "10");
        // the client's own variable for its default port: the lab's MariaDB is not on 3306
        env.put("MYSQL_TCP_PORT", String.valueOf(lab.mariadb.port()));
        // Open vSwitch's own variable for its run directory (db.sock lives there)
        env.put("OVS_RUNDIR", lab.ovs.runDir().toString());
        // apt's own variable: the lab's private apt configuration (passed through sudo by the simulator)
        env.put("APT_CONFIG", lab.aptConfig());
        if (setup.proxyUrl() != null) {
            // as /etc/environment gives them to the session (the article's host had them in stackrc)
            env.put("http_proxy", setup.proxyUrl());
            env.put("https_proxy", setup.proxyUrl());
            env.put("no_proxy", "localhost,127.0.0.1" + (setup.hostIpInNoProxy() ? "," + hostIp : ""));
        }
        return env;
    }

    SimulatedHost.Run stack() throws Exception {
        return run("./stack.sh");
    }

    /** Runs a script in the devstack directory as the stack user, stdin closed, as the deploy does. */
    SimulatedHost.Run run(String script) throws Exception {
        Path console = root.resolve("console.txt");
        List<String> command = new ArrayList<>(List.of("runuser", "-u", lab.user.name(), "--", "env", "-i"));
        environment().forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(List.of("/bin/bash", "-c", "cd " + devstack + " && " + script + " </dev/null >" + console + " 2>&1"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("runuser.out").toFile())).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(script + " still running after 5 minutes");
        }
        Path logs = root.resolve("opt/stack/logs");
        return new SimulatedHost.Run(p.exitValue(), SimulatedHost.read(console), SimulatedHost.read(logs.resolve("stack.sh.log")),
                SimulatedHost.read(logs.resolve("stack.sh.log.summary")), SimulatedHost.read(devstack.resolve(".stackenv")));
    }

    /** Runs a command as the stack user with the host's environment (e.g. {@code screen -ls}). */
    LabCommand.Result asStackUser(String... argv) {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", lab.user.name(), "--", "env", "-i"));
        environment().forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(List.of(argv));
        return LabCommand.tryRun(command);
    }

    @Override
    public void close() {
        endpoints.close();
    }
}
