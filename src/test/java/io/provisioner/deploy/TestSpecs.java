package io.provisioner.deploy;

import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a small spec into a test's temp dir and loads it through the real loader. */
final class TestSpecs {
    private TestSpecs() {
    }

    static Spec localHost(Path dir, String extraDefaults) {
        return load(dir, defaults(dir) + extraDefaults + """

                hosts:
                  - {name: lab1, address: local, role: controller, host_ip: 127.0.0.1}
                """);
    }

    /** A controller elsewhere and this machine as its compute host (DevStack's compute set: n-cpu, no database). */
    static Spec localCompute(Path dir) {
        return load(dir, defaults(dir) + """
                hosts:
                  - {name: ctl, address: 10.0.0.1, role: controller}
                  - {name: cmp1, address: local, role: compute, host_ip: 127.0.0.1}
                """);
    }

    private static String defaults(Path dir) {
        return """
                version: 1
                defaults:
                  ssh: {user: stack}
                  devstack: {repo: https://opendev.org/openstack/devstack, ref: master, dir: %s}
                  passwords: {admin: secretadmin1, database: secretdb1, rabbit: secretrabbit1, service: secretsvc1}
                  paths: {state_dir: %s, apt_dir: %s}
                """.formatted(dir.resolve("devstack"), dir.resolve("state"), dir.resolve("apt"));
    }

    static Spec load(Path dir, String yaml) {
        try {
            Path f = dir.resolve("hosts.yaml");
            Files.writeString(f, yaml);
            return SpecLoader.load(f, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
