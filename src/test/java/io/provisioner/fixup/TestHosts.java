package io.provisioner.fixup;

import io.provisioner.spec.DevstackSource;
import io.provisioner.spec.FixupPolicy;
import io.provisioner.spec.Host;
import io.provisioner.spec.HostKeyPolicy;
import io.provisioner.spec.Passwords;
import io.provisioner.spec.ProxySettings;
import io.provisioner.spec.Role;
import io.provisioner.spec.Secret;
import io.provisioner.spec.Services;
import io.provisioner.spec.SshSettings;
import io.provisioner.spec.Spec;
import io.provisioner.spec.TargetPaths;
import io.provisioner.spec.Timeouts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds a one-host spec whose every target path points into a test's private directory. */
final class TestHosts {
    static final String DB_PASSWORD = "Sp3cDbPassw0rd";

    private TestHosts() {
    }

    static TargetPaths paths(Path root) {
        return new TargetPaths(root.resolve("etc/mysql/debian.cnf").toString(), root.resolve("run/openvswitch/db.sock").toString(),
                root.resolve("opt/stack/logs").toString(), root.resolve("state").toString(), root.resolve("etc/apt").toString());
    }

    static Host host(Path root, String user) {
        return host(paths(root), root.resolve("opt/stack/devstack").toString(), user);
    }

    static Host host(TargetPaths paths, String devstackDir, String user) {
        SshSettings ssh = new SshSettings(user, 22, null, null, null, HostKeyPolicy.ACCEPT_NEW, null);
        Passwords pw = new Passwords(Secret.literal("Adm1nSecret"), Secret.literal(DB_PASSWORD),
                Secret.literal("Rabb1tSecret"), Secret.literal("Serv1ceSecret"));
        return new Host("lab1", "local", Role.CONTROLLER, "127.0.0.1", ssh,
                new DevstackSource("https://opendev.org/openstack/devstack", "master", devstackDir),
                new ProxySettings(null, null, List.of()), "auto", pw, new Services(List.of(), List.of()),
                List.of(), Map.of(), Map.of(), FixupPolicy.all(), 2,
                new Timeouts(Duration.ofHours(3), Duration.ofMinutes(10), Duration.ofSeconds(10)), paths);
    }

    static Host withProxy(Host h, String proxyUrl) {
        return new Host(h.name(), h.address(), h.role(), h.hostIp(), h.ssh(), h.devstack(),
                new ProxySettings(proxyUrl, proxyUrl, List.of()), h.gitBase(), h.passwords(), h.services(), h.plugins(),
                h.localrc(), h.localConf(), h.fixups(), h.retries(), h.timeouts(), h.paths());
    }

    static FixupContext context(Host host, io.provisioner.remote.RemoteShell shell, Map<String, String> facts) {
        Spec spec = new Spec(Path.of("lab.yaml"), List.of(host));
        return new FixupContext(spec, host, shell, spec.masker(), facts);
    }
}
