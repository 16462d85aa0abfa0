package io.provisioner.plan;

import io.provisioner.render.HostRenderer;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How long load + validate + render + plan take for a 50-host fleet. Prints numbers; asserts no timing. */
@Tag("benchmark")
class PlanBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void fiftyHostFleet() throws Exception {
        StringBuilder yaml = new StringBuilder(Files.readString(Path.of("config/two-node-lab.yaml")).split("\nhosts:")[0])
                .append("\nhosts:\n  - {name: ctl, address: 10.20.0.1, role: controller}\n");
        for (int i = 2; i <= 50; i++) {
            yaml.append("  - {name: cpu").append(i).append(", address: 10.20.0.").append(i).append(", role: compute}\n");
        }
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, yaml);
        HostRenderer renderer = HostRenderer.withDefaultTemplates();
        for (int i = 0; i < 20; i++) { // warm-up
            Planner.plan(SpecLoader.load(file, Map.of()), renderer);
        }
        int rounds = 100;
        long loadNanos = 0;
        long planNanos = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            Spec spec = SpecLoader.load(file, Map.of());
            long t1 = System.nanoTime();
            Plan plan = Planner.plan(spec, renderer);
            long t2 = System.nanoTime();
            assertThat(plan.hosts()).hasSize(50);
            loadNanos += t1 - t0;
            planNanos += t2 - t1;
        }
        System.out.printf("50 hosts: load+validate %.2f ms, render+plan %.2f ms (mean of %d)%n",
                loadNanos / 1e6 / rounds, planNanos / 1e6 / rounds, rounds);
    }
}
