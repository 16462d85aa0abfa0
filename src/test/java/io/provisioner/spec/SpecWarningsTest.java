package io.provisioner.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpecWarningsTest {
    @TempDir
    Path dir;

    private Spec spec(String hosts) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "version: 1\ndefaults:\n  passwords: {admin: a1, database: d1, rabbit: r1, service: s1}\n"
                + "hosts:\n" + hosts);
        return SpecLoader.load(file, Map.of());
    }

    @Test
    void aComputeHostEnablingControllerServicesIsWarnedAbout() throws IOException {
        Spec spec = spec("  - {name: ctl, address: 10.0.0.1, role: controller, services: {enable: [n-api, q-svc]}}\n"
                + "  - {name: cmp1, address: 10.0.0.2, role: compute, services: {enable: [n-cpu, n-api, mysql]}}\n");

        assertThat(SpecWarnings.of(spec)).singleElement().asString()
                .startsWith("cmp1: compute host enables controller-only services n-api, mysql");
    }

    /** The specs a user copies from: a compute host there must not run the controller's services. */
    @ParameterizedTest
    @ValueSource(strings = {"config/article-lab.yaml", "config/two-node-lab.yaml", "docker/lab/lab.yaml"})
    void noShippedSpecGivesAComputeHostControllerServices(String shipped) throws IOException {
        Spec spec = SpecLoader.load(Path.of(shipped), Map.of());

        assertThat(SpecWarnings.of(spec)).isEmpty();
    }

    @Test
    void theDefaultComputeSetIsNotWarnedAbout() throws IOException {
        Spec spec = spec("  - {name: ctl, address: 10.0.0.1, role: controller}\n"
                + "  - {name: cmp1, address: 10.0.0.2, role: compute}\n");

        assertThat(SpecWarnings.of(spec)).isEmpty();
    }
}
