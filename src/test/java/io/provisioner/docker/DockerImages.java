package io.provisioner.docker;

import io.provisioner.lab.Requirements;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Docker tier's images, built once per test run by {@code docker/build.sh --from-target}: the provisioner
 * image takes the jars this build's {@code package} phase made (no Maven inside {@code docker build}, which costs
 * minutes without a layer cache); cached layers make a rebuild with unchanged sources take seconds. A missing
 * engine skips the tier, or fails it with {@code CI=true}.
 */
final class DockerImages {
    static final String PROVISIONER = "devstack-provisioner";
    static final String TARGET = "devstack-target";
    /**
     * How long building the images may take, which a test's {@code images()} says with @Timeout: from nothing
     * (no layer cache, a fresh CI runner, a loaded machine) the apt layers alone take minutes.
     */
    static final long BUILD_MINUTES = 30;
    private static final Set<String> BUILT = new HashSet<>();

    private DockerImages() {
    }

    static void requireEngine() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        Requirements.require(available, "a Docker engine (scripts/test.sh starts one: docker/dockerd.sh)");
    }

    /** Builds these images (provisioner, target) unless this run already has. */
    static synchronized void ensureBuilt(String... images) throws IOException, InterruptedException {
        requireEngine();
        List<String> missing = new ArrayList<>();
        for (String image : images) {
            if (!BUILT.contains(image)) {
                missing.add(image);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Path root = repositoryRoot();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("docker/build.sh").toString(), "--from-target"));
        command.addAll(missing);
        Path log = Files.createTempFile("docker-build", ".log");
        try {
            long start = System.nanoTime();
            Process build = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                if (!build.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
                    stop(build);
                    throw new IllegalStateException("docker/build.sh did not finish in " + BUILD_MINUTES + " min:\n"
                            + Files.readString(log));
                }
            } catch (InterruptedException e) {
                // a test's timeout: the build must not go on beside the next test's
                stop(build);
                throw e;
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException("docker/build.sh failed:\n" + Files.readString(log));
            }
            System.out.printf("docker/build.sh %s: %.1f s%n%s", missing, (System.nanoTime() - start) / 1e9,
                    Files.readString(log));
            BUILT.addAll(missing);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void stop(Process build) {
        build.descendants().forEach(ProcessHandle::destroyForcibly);
        build.destroyForcibly();
    }

    /** What {@code docker run --rm ...} printed and how it exited. */
    record Run(int exit, String out) {
    }

    /** {@code docker run --rm --network NETWORK -v LAB:/lab -w /lab devstack-provisioner ARGS}, as a CI job runs it. */
    static Run provisioner(String network, Path lab, long minutes, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--network", network,
                "-v", lab + ":/lab", "-w", "/lab", PROVISIONER));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("docker-run", ".log");
        try {
            Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!run.waitFor(minutes, TimeUnit.MINUTES)) {
                run.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end in " + minutes + " min:\n"
                        + Files.readString(log));
            }
            return new Run(run.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("docker/build.sh"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("docker/build.sh not found above " + Path.of("").toAbsolutePath());
        }
        return here;
    }
}
