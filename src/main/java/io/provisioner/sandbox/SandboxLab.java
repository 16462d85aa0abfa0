package io.provisioner.sandbox;

import io.provisioner.spec.TargetPaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * N simulated DevStack hosts in this JVM. Each has its own root directory (every system path of the
 * host lies inside it), an SSH server on 127.0.0.1 with its own host key that trusts the lab's key, the
 * stand-ins first on PATH, the simulator as a git repository to clone, and its service endpoints on its
 * own 127.x HOST_IP. Faults are host state (see {@link SandboxFault}). Nothing touches the real system.
 */
public final class SandboxLab implements AutoCloseable {
    private static final double DEFAULT_TIME_SCALE = 0.002;
    /** The address of a host whose HOST_IP its spec leaves to DevStack (see {@link SandboxHost#ownAddress()}). */
    public static final String LOCALHOST = "localhost";

    private final Path root;
    private final boolean keep;
    private final Path identityFile;
    private final Path knownHostsFile;
    private final List<SandboxHost> hosts = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Process> lockHolders = new ArrayList<>();
    private final Map<String, Map<String, String>> environments = new java.util.HashMap<>();

    private SandboxLab(Path root, boolean keep) {
        this.root = root;
        this.keep = keep;
        this.identityFile = root.resolve("lab_key");
        this.knownHostsFile = root.resolve("known_hosts");
    }

    /** Starts the lab; on failure everything started so far is stopped again. */
    public static SandboxLab start(SandboxOptions options) throws IOException {
        Path root = options.baseDir() == null
                ? Files.createTempDirectory("devstack-sandbox-")
                : Files.createDirectories(options.baseDir()).resolve("sandbox-" + Long.toHexString(System.nanoTime()));
        Files.createDirectories(root);
        // a temporary directory is 0700, which DevStack's path check rightly refuses for $DEST's parents
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        SandboxLab lab = new SandboxLab(root.toRealPath(), options.keep());
        try {
            lab.build(options);
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void build(SandboxOptions options) throws IOException {
        Set<SandboxFault> faults = options.parsedFaults();
        KeyPair key = LabKey.create(identityFile);
        Path standins = root.resolve("standins");
        SimulatorFiles.extract("standins/", standins, SimulatorFiles.Editor.none());
        Path sharedGit = root.resolve("git");
        GitRepos.withFile(sharedGit.resolve("openstack/requirements.git"), "upper-constraints.txt",
                "PyYAML===6.0.1\nSQLAlchemy===2.0.29\n", "Updated from generate-constraints");
        GitRepos.withFile(sharedGit.resolve("openstack/keystone.git"), "requirements.txt",
                "PyYAML>=3.12\nSQLAlchemy>=1.4.0\n", "Merge \"Sandbox keystone\"");
        String devstackRepo = SimulatorRepo.build(sharedGit, options.era(), faults.contains(SandboxFault.GIT_PROTOCOL));
        SecureRandom random = new SecureRandom();
        StringBuilder knownHosts = new StringBuilder();
        double scale = timeScale();
        for (int i = 1; i <= options.hosts(); i++) {
            String name = options.hostNames().get(i - 1);
            Path hostRoot = Files.createDirectories(root.resolve("hosts").resolve(name));
            Set<SandboxFault> hostFaults = options.faultsOf(name);
            String devstackDir = options.devstackDirOf(name);
            EndpointServers endpoints = null;
            String hostIp = null;
            for (int attempt = 0; attempt < 20 && endpoints == null; attempt++) {
                hostIp = "127." + (100 + random.nextInt(100)) + "." + random.nextInt(256) + "." + (10 + i);
                EndpointServers candidate = new EndpointServers(hostRoot, hostIp);
                ServicePorts ports = new ServicePorts(hostRoot, hostIp);
                try {
                    candidate.start(options.era());
                    ports.start(options.era());
                    endpoints = candidate;
                    resources.add(ports);
                } catch (BindException e) {
                    candidate.close();
                    ports.close();
                }
            }
            if (endpoints == null) {
                throw new IOException("no free 127.x address for " + name + "'s endpoints");
            }
            resources.add(endpoints);
            new HostRootBuilder(hostRoot, options.era(), hostFaults, hostIp).build(sharedGit, devstackRepo, devstackDir);
            Map<String, String> env = HostEnvironment.of(hostRoot, standins, endpoints.apachePort(), scale);
            if (hostFaults.contains(SandboxFault.APT_LOCK)) {
                lockHolders.add(AptLockHolder.start(hostRoot, env));
            }
            // a spec names a host by its address, which is its HOST_IP; the article's one-host spec named its host
            // so that DevStack picked a HOST_IP the spec did not know: a lone host with the no-proxy fault is named
            // "localhost" (its SSH server is on 127.0.0.1 too), so its HOST_IP is left to DevStack. (A multi-host
            // spec must give its controller's HOST_IP, and then the computed no_proxy holds every one.)
            boolean unnamedHostIp = hostFaults.contains(SandboxFault.NO_PROXY) && options.hosts() == 1;
            String ownAddress = unnamedHostIp ? LOCALHOST : hostIp;
            HostSshServer server = new HostSshServer(hostRoot.resolve("etc/ssh/ssh_host_ecdsa_key"), key.getPublic(),
                    env, hostRoot.resolve("opt/stack"), hostIp);
            resources.add(server);
            knownHosts.append(server.knownHostsLine()).append('\n');
            TargetPaths paths = new TargetPaths(hostRoot.resolve("etc/mysql/debian.cnf").toString(),
                    hostRoot.resolve("var/run/openvswitch/db.sock").toString(),
                    hostRoot.resolve("opt/stack/logs").toString(),
                    hostRoot.resolve("var/tmp/devstack-provisioner").toString(),
                    hostRoot.resolve("etc/apt").toString(), hostRoot.resolve("etc/systemd/system").toString(),
                    hostRoot.resolve("etc/tmpfiles.d").toString());
            environments.put(name, env);
            hosts.add(new SandboxHost(name, "127.0.0.1", server.port(), HostRootBuilder.STACK_USER, hostRoot,
                    devstackRepo, paths, hostIp, ownAddress, hostRoot + devstackDir, hostFaults));
        }
        Files.writeString(knownHostsFile, knownHosts.toString());
    }

    private static double timeScale() {
        String value = System.getenv("SIM_TIME_SCALE");
        if (value == null) {
            value = System.getProperty("sandbox.timeScale");
        }
        try {
            return value == null ? DEFAULT_TIME_SCALE : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return DEFAULT_TIME_SCALE;
        }
    }

    /** The environment the host's commands run with (for running the simulator without SSH). */
    public Map<String, String> environment(SandboxHost host) {
        return Map.copyOf(environments.get(host.name()));
    }

    public List<SandboxHost> hosts() {
        return List.copyOf(hosts);
    }

    public Path root() {
        return root;
    }

    /** known_hosts lines for every host's SSH server ({@code [127.0.0.1]:PORT key}). */
    public Path knownHostsFile() {
        return knownHostsFile;
    }

    /** The client key (OpenSSH format, no passphrase) the hosts accept for user "stack". */
    public Path identityFile() {
        return identityFile;
    }

    /** Stops the servers, endpoints and every process the hosts started; deletes the root unless kept. */
    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // best effort: keep closing the rest
            }
        }
        resources.clear();
        lockHolders.forEach(Process::destroyForcibly);
        for (SandboxHost host : hosts) {
            HostProcesses.stop(host.root());
        }
        if (!keep) {
            deleteTree(root);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the sandbox at " + dir, e);
        }
    }
}
