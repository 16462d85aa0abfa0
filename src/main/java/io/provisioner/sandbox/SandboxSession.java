package io.provisioner.sandbox;

import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A running sandbox for a spec: one simulated host per spec host (same names, roles and order), a loopback
 * proxy standing in for each proxy the spec names, and {@code sandbox.yaml} in the lab root, the spec that
 * points at them (see {@link SandboxSpecFile}). Without a user spec, the built-in one (the seed article's
 * settings) with {@code sandbox1..N}.
 */
public final class SandboxSession implements AutoCloseable {
    private static final String DEFAULT_SPEC = "/io/provisioner/cli/sandbox-spec.yaml";

    private final SandboxLab lab;
    private final ProxyStandIns proxies;
    private final Path specFile;
    private final Spec spec;

    private SandboxSession(SandboxLab lab, ProxyStandIns proxies, Path specFile, Spec spec) {
        this.lab = lab;
        this.proxies = proxies;
        this.specFile = specFile;
        this.spec = spec;
    }

    /**
     * Starts the sandbox for {@code userSpec} (null: the built-in spec with {@code options.hosts()} hosts).
     * Throws IllegalArgumentException for a spec the sandbox cannot stand in for (the message says why).
     */
    public static SandboxSession start(Spec userSpec, SandboxOptions options, ProxyStandIns.Kind proxyKind)
            throws IOException {
        return start(userSpec, options, proxyKind, System.getenv());
    }

    /**
     * The same, resolving the spec's {@code env:} secrets from {@code env} (a service's environment for its runs,
     * not necessarily this process's).
     */
    public static SandboxSession start(Spec userSpec, SandboxOptions options, ProxyStandIns.Kind proxyKind,
                                       Map<String, String> env) throws IOException {
        SandboxOptions effective = options;
        if (userSpec != null) {
            List<String> names = new ArrayList<>();
            Map<String, String> dirs = new LinkedHashMap<>();
            for (Host host : userSpec.hosts()) {
                names.add(host.name());
                dirs.put(host.name(), host.devstack().dir());
            }
            effective = options.forHosts(names, dirs);
        }
        SandboxLab lab = SandboxLab.start(effective);
        ProxyStandIns proxies = null;
        try {
            Spec base = userSpec != null ? userSpec : SpecLoader.load(defaultSpec(lab.root().resolve("default-spec.yaml"),
                    effective.hostNames()), env);
            List<String> proxyUrls = new ArrayList<>();
            for (Host host : base.hosts()) {
                proxyUrls.add(host.proxy().http());
                proxyUrls.add(host.proxy().https());
            }
            proxies = ProxyStandIns.start(proxyUrls, lab.root().resolve("proxies"), proxyKind);
            Path specFile = SandboxSpecFile.write(base.file(), base, lab, proxies, lab.root().resolve("sandbox.yaml"));
            return new SandboxSession(lab, proxies, specFile, SpecLoader.load(specFile, env));
        } catch (IOException | RuntimeException e) {
            if (proxies != null) {
                proxies.close();
            }
            lab.close();
            throw e;
        }
    }

    /** The built-in spec with these hosts (the first a controller, the rest compute hosts). */
    private static Path defaultSpec(Path where, List<String> names) throws IOException {
        String text;
        try (InputStream in = SandboxSession.class.getResourceAsStream(DEFAULT_SPEC)) {
            if (in == null) {
                throw new IOException("sandbox resource missing from the build: " + DEFAULT_SPEC);
            }
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        StringBuilder hosts = new StringBuilder("hosts:\n");
        for (int i = 0; i < names.size(); i++) {
            // a placeholder address per host (TEST-NET-1), each its own: the spec refuses two hosts on one address;
            // sandbox.yaml points every host at its simulated one
            hosts.append("  - {name: ").append(names.get(i)).append(", address: 192.0.2.").append(10 + i).append(", role: ")
                    .append(i == 0 ? "controller" : "compute").append("}\n");
        }
        return Files.writeString(where, text.substring(0, text.indexOf("\nhosts:") + 1) + hosts);
    }

    public SandboxLab lab() {
        return lab;
    }

    /** The spec that points at the simulated hosts ({@code sandbox.yaml} in the lab root). */
    public Spec spec() {
        return spec;
    }

    public Path specFile() {
        return specFile;
    }

    /** What stands in for what: one line per host (SSH port, HOST_IP) and per proxy. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (SandboxHost host : lab.hosts()) {
            Host planned = spec.host(host.name()).orElseThrow();
            lines.add("host " + host.name() + " (" + planned.role().name().toLowerCase(java.util.Locale.ROOT)
                    + "): ssh " + host.user() + "@" + host.ownAddress() + ":" + host.port() + ", HOST_IP " + host.hostIp()
                    + ", root " + host.root());
        }
        proxies.describe().forEach(line -> lines.add("proxy " + line));
        return lines;
    }

    @Override
    public synchronized void close() {
        proxies.close();
        lab.close();
    }
}
