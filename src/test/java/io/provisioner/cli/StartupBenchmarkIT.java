package io.provisioner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.lab.Requirements;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the time of one refused {@code provisioner probe} goes, stage by stage (see {@link StartupStages}),
 * measured by hyperfine; prints mean wall time and user+system CPU per stage. Asserts only that every stage ran.
 * Run: {@code ./mvnw -Pbench verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StartupBenchmarkIT}.
 */
@Tag("benchmark")
class StartupBenchmarkIT {
    @TempDir
    Path dir;

    @Test
    void aRefusedProbeStageByStage() throws Exception {
        Requirements.requireExecutable("/usr/bin/hyperfine");
        String jar = System.getenv("PROVISIONER_JAR");
        Requirements.require(jar != null && Files.exists(Path.of(jar)), "target/provisioner.jar (run through failsafe)");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String stages = javaBin + " -cp " + jar + ":" + Path.of("target/test-classes").toAbsolutePath()
                + " io.provisioner.cli.StartupStages ";
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        String target = " tcp://127.0.0.1:" + closed + " --timeout 1s";
        List<String> names = List.of("JVM, no work", "picocli, one tiny command", "picocli, the probe command's model",
                "picocli, the whole command tree", "probe through the probe command alone", "provisioner probe (all)");
        List<String> commands = List.of(stages + "jvm", stages + "picocli", stages + "probe-model", stages + "tree",
                stages + "probe-only" + target, javaBin + " -jar " + jar + " probe" + target);
        Path export = dir.resolve("hyperfine.json");
        List<String> argv = new ArrayList<>(List.of("hyperfine", "--runs", "10", "--warmup", "2", "-N", "-i",
                "--export-json", export.toString()));
        for (int i = 0; i < names.size(); i++) {
            argv.addAll(List.of("-n", names.get(i), commands.get(i)));
        }
        Process hyperfine = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("hyperfine.out").toFile()).start();
        assertThat(hyperfine.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(hyperfine.exitValue()).as(Files.readString(dir.resolve("hyperfine.out"))).isZero();
        JsonNode results = new ObjectMapper().readTree(export.toFile()).get("results");
        assertThat(results).hasSize(names.size());
        System.out.printf("%nStartup of one refused probe, %d cores, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory
                        .getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("%-40s %10s %10s%n", "stage", "wall ms", "cpu ms");
        for (JsonNode r : results) {
            System.out.printf("%-40s %10.0f %10.0f%n", r.get("command").asText(), r.get("mean").asDouble() * 1000,
                    (r.get("user").asDouble() + r.get("system").asDouble()) * 1000);
        }
    }
}
