package io.provisioner.docker;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CI dry-run's cost: wall time of {@code docker run --rm --network none ... deploy --sandbox} for the
 * two-host spec with the seed faults against the same {@code deploy --sandbox} by the packaged jar on this
 * machine (target: the container within 1.5x), alternating, two rounds each; and the images' sizes.
 * Prints numbers, asserts nothing about time.
 */
@Tag("benchmark")
class DryRunBenchmarkDockerIT {
    private static final int ROUNDS = 2;

    @TempDir
    Path lab;

    private static double seconds(Path dir, Path log, List<String> command) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String size(String image) throws Exception {
        Process p = new ProcessBuilder("docker", "image", "inspect", "-f", "{{.Size}}", image).start();
        String bytes = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return String.format("%.0f MB", Long.parseLong(bytes) / 1e6);
    }

    @Test
    @Timeout(value = DockerImages.BUILD_MINUTES + 30, unit = TimeUnit.MINUTES)
    void containerDryRunAgainstTheSameSandboxOnThisMachine() throws Exception {
        DockerImages.ensureBuilt("provisioner", "target");
        Files.writeString(lab.resolve("lab.yaml"), CiDryRunDockerIT.LAB_SPEC);
        Files.setPosixFilePermissions(lab, PosixFilePermissions.fromString("rwxrwxrwx"));
        String jar = Path.of(System.getenv().getOrDefault("PROVISIONER_JAR", "target/provisioner.jar")).toAbsolutePath().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> host = List.of(java, "-jar", jar, "deploy", "--sandbox", "-f", "lab.yaml", "--faults", "seed",
                "--report-dir", "report-host");
        List<String> container = List.of("docker", "run", "--rm", "--network", "none", "-v", lab + ":/lab", "-w", "/lab",
                DockerImages.PROVISIONER, "deploy", "--sandbox", "-f", "lab.yaml", "--faults", "seed",
                "--report-dir", "report-container");
        double hostTotal = 0;
        double containerTotal = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            double onHost = seconds(lab, lab.resolve("host.log"), host);
            double inContainer = seconds(lab, lab.resolve("container.log"), container);
            hostTotal += onHost;
            containerTotal += inContainer;
            System.out.printf("round %d: deploy --sandbox on the host %.1f s, in the container %.1f s (%.2fx), load %s%n",
                    round, onHost, inContainer, inContainer / onHost,
                    Files.readString(Path.of("/proc/loadavg")).strip());
        }
        System.out.printf("CI dry-run, two hosts, seed faults: host %.1f s, container %.1f s (mean of %d): %.2fx (target <= 1.5x)%n",
                hostTotal / ROUNDS, containerTotal / ROUNDS, ROUNDS, containerTotal / hostTotal);
        System.out.printf("images: %s %s, %s %s%n", DockerImages.PROVISIONER, size(DockerImages.PROVISIONER),
                DockerImages.TARGET, size(DockerImages.TARGET));
    }
}
