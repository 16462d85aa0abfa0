package io.provisioner.cli;

import io.provisioner.lab.Requirements;
import io.provisioner.lab.TimedCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged CLI as a user starts it: bin/provisioner with the class-data-sharing archive of the package
 * step, its clean fall-backs (no archive, a stale one, one from elsewhere, a moved jar), the classes a command
 * loads, and the sandbox's own jar. Runs target/provisioner.jar (PROVISIONER_JAR, set by failsafe).
 */
class ColdStartIT {
    private static final Path LAUNCHER = Path.of("bin/provisioner");

    private static Path jar() {
        String env = System.getenv("PROVISIONER_JAR");
        Path jar = Path.of(env != null ? env : "target/provisioner.jar");
        Requirements.require(Files.exists(jar), "target/provisioner.jar (./mvnw package)");
        return jar;
    }

    private static TimedCommand.Timing launch(Path launcher, Map<String, String> env, String... args) {
        List<String> argv = new ArrayList<>(List.of(launcher.toString()));
        argv.addAll(List.of(args));
        return TimedCommand.run(argv, env, 300);
    }

    private static TimedCommand.Timing javaJar(Path jar, String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:stdout", "-jar", jar.toString()));
        argv.addAll(List.of(args));
        return TimedCommand.run(argv, Map.of(), 120);
    }

    /** A copy of bin/ and target/ (jar, archive, sandbox jar) in {@code dir}, as a clone elsewhere would have. */
    private static Path copyInstall(Path dir, boolean withArchive) throws IOException {
        Path target = Files.createDirectories(dir.resolve("target"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(LAUNCHER, bin.resolve("provisioner"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(jar(), target.resolve("provisioner.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        if (withArchive) {
            Files.copy(archive(), target.resolve("provisioner.jsa"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(archive().resolveSibling("provisioner.jsa.classpath"), target.resolve("provisioner.jsa.classpath"),
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        return bin.resolve("provisioner");
    }

    private static Path archive() {
        Path archive = jar().resolveSibling("provisioner.jsa");
        assertThat(archive).as("the package step writes the CDS archive next to the jar").exists();
        return archive;
    }

    @Test
    void theLauncherStartsFromTheArchiveTheBuildWrote() {
        TimedCommand.Timing run = launch(LAUNCHER, Map.of("JAVA_OPTS", "-Xlog:class+load=info:stdout"), "validate", "-f",
                "config/article-lab.yaml");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output())
                .containsPattern("(?m)io\\.provisioner\\.cli\\.Main source: shared objects file$")
                .containsPattern("(?m)picocli\\.CommandLine source: shared objects file$")
                .containsPattern("(?m)org\\.yaml\\.snakeyaml\\.composer\\.Composer source: shared objects file$")
                .doesNotContain("java.util.logging.LogManager ");
    }

    @Test
    void aProbeOfATargetsFileRunsFromTheArchiveWithoutJackson(@TempDir Path dir) throws IOException {
        Path targets = Files.writeString(dir.resolve("targets"), "tcp://127.0.0.1:1\ntcp://127.0.0.1:2\n");
        TimedCommand.Timing run = launch(LAUNCHER, Map.of("JAVA_OPTS", "-Xlog:class+load=info:stdout"), "probe",
                "--format", "json", "--timeout", "1s", "@" + targets);
        assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.output())
                .containsPattern("(?m)io\\.provisioner\\.cli\\.ProbeTargetsFile source: shared objects file$")
                .containsPattern("(?m)io\\.provisioner\\.report\\.ProbeReport source: shared objects file$")
                .contains("\"target\" : \"tcp://127.0.0.1:2\"")
                .doesNotContain("com.fasterxml.jackson");
    }

    @Test
    void aSweepOnTwoStarterThreadsTakesEveryProbeClassAndLambdaFromTheArchive(@TempDir Path dir) throws IOException {
        // 300 targets: two starter threads on two cores. Both linking the same lambda call sites at the first probe
        // made one of them spin its own lambda class (source: io.provisioner...) in some runs; the first probe now
        // starts before the second thread does
        StringBuilder targets = new StringBuilder();
        for (int port = 1; port <= 300; port++) {
            targets.append("tcp://127.0.0.1:").append(port).append('\n');
        }
        Path file = Files.writeString(dir.resolve("targets"), targets);
        for (int round = 0; round < 3; round++) {
            TimedCommand.Timing run = launch(LAUNCHER, Map.of("JAVA_OPTS", "-Xlog:class+load=info:stdout"), "probe",
                    "--format", "json", "--timeout", "1s", "--targets", file.toString());
            assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.output())
                    .containsPattern("(?m)io\\.provisioner\\.probe\\.Sweep source: shared objects file$")
                    .doesNotContainPattern("io\\.provisioner\\.\\S+ source: (?!shared objects file)");
        }
    }

    @Test
    void versionLoadsNoCommandAndNoLibraryBehindOne() {
        TimedCommand.Timing run = javaJar(jar(), "--version");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("provisioner 0.1.0")
                .doesNotContain("com.fasterxml.jackson", "org.yaml.snakeyaml", "org.apache.sshd", "com.jcraft.jsch",
                        "io.provisioner.cli.ValidateCommand", "io.provisioner.cli.DeployCommand",
                        "picocli.CommandLine$Model$CommandSpec ");
    }

    @Test
    void validateLoadsOnlyItsOwnCommand() {
        TimedCommand.Timing run = javaJar(jar(), "validate", "-f", "config/article-lab.yaml");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("io.provisioner.cli.ValidateCommand ")
                .doesNotContain("io.provisioner.cli.DeployCommand ", "io.provisioner.cli.ProbeCommand ",
                        "org.apache.sshd", "com.jcraft.jsch");
    }

    @Test
    void withoutAnArchiveTheLauncherStartsThePlainJarAndSaysNothingAboutIt(@TempDir Path dir) throws IOException {
        Path launcher = copyInstall(dir, false);
        TimedCommand.Timing run = launch(launcher, Map.of("PROVISIONER_JAR", ""), "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.output()).isEqualTo("provisioner 0.1.0\n");
    }

    @Test
    void aStaleArchiveIsLeftAside(@TempDir Path dir) throws IOException {
        Path launcher = copyInstall(dir, true);
        Path jar = dir.resolve("target/provisioner.jar");
        // the jar rebuilt after the archive was written
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        TimedCommand.Timing run = launch(launcher, Map.of("PROVISIONER_JAR", "", "JAVA_OPTS", "-Xlog:cds=info:stdout"),
                "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("provisioner 0.1.0").doesNotContain("provisioner.jsa");
    }

    @Test
    void anArchiveTheJvmCannotUseFallsBackSilently(@TempDir Path dir) throws IOException {
        Path launcher = copyInstall(dir, false);
        Files.writeString(dir.resolve("target/provisioner.jsa"), "not an archive");
        Files.setLastModifiedTime(dir.resolve("target/provisioner.jsa"), FileTime.from(Instant.now().plusSeconds(60)));
        TimedCommand.Timing run = launch(launcher, Map.of("PROVISIONER_JAR", ""), "validate", "-f",
                Path.of("config/article-lab.yaml").toAbsolutePath().toString());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).startsWith(Path.of("config/article-lab.yaml").toAbsolutePath() + ": valid");
    }

    @Test
    void aMovedInstallStillRunsThoughItsArchiveNamesTheOldPath(@TempDir Path dir) throws IOException {
        Path launcher = copyInstall(dir, true);
        TimedCommand.Timing run = launch(launcher, Map.of("PROVISIONER_JAR", ""), "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.output()).isEqualTo("provisioner 0.1.0\n");
        // the static archive names the old path, and a JVM given it refuses the JDK's classes in it too: the launcher
        // leaves it out, so the JDK's own archive still serves them
        TimedCommand.Timing logged = launch(launcher, Map.of("PROVISIONER_JAR", "", "JAVA_OPTS", "-Xlog:class+load=info:stdout"),
                "--version");
        assertThat(logged.exit()).as(logged.output()).isZero();
        assertThat(logged.output()).containsPattern("(?m)java\\.lang\\.String source: shared objects file$")
                .doesNotContainPattern("io\\.provisioner\\.cli\\.Main source: shared objects file");
    }

    @Test
    void theArchiveIsAStaticOneWithTheJdksModuleGraph() {
        TimedCommand.Timing run = launch(LAUNCHER, Map.of("JAVA_OPTS", "-Xlog:cds=info:stdout"), "--version");
        assertThat(run.exit()).as(run.output()).isZero();
        // one archive for the JDK's classes and ours (neither the JDK's own classes.jsa nor a dynamic layer on top of
        // it), with the module graph the JDK would otherwise build at every start
        assertThat(run.output()).contains("Opened archive", "provisioner.jsa", "full module graph: enabled")
                .doesNotContain("classes.jsa", "Mapped dynamic region");
    }

    /** The launcher's own directory and the jar's are found without dirname (a path with no slash is "."). */
    @Test
    void aLauncherOrJarNamedWithoutADirectoryStillStartsFromTheArchive() {
        Path bin = LAUNCHER.toAbsolutePath().getParent();
        Path jar = jar().toAbsolutePath();
        String shared = "io.provisioner.cli.Main source: shared objects file\n";
        // no PROVISIONER_JAR: the launcher looks in ./../target
        TimedCommand.Timing fromBin = TimedCommand.run(List.of("/bin/sh", "-c", "cd '" + bin + "' && sh provisioner --version"),
                Map.of("PROVISIONER_JAR", "", "JAVA_OPTS", "-Xlog:class+load=info:stdout"), 120);
        assertThat(fromBin.exit()).as(fromBin.output()).isZero();
        assertThat(fromBin.output()).contains("provisioner 0.1.0").contains(shared);
        TimedCommand.Timing bareJar = TimedCommand.run(List.of("/bin/sh", "-c",
                "cd '" + jar.getParent() + "' && PROVISIONER_JAR='" + jar.getFileName() + "' '" + bin.resolve("provisioner")
                        + "' --version"), Map.of("JAVA_OPTS", "-Xlog:class+load=info:stdout"), 120);
        assertThat(bareJar.exit()).as(bareJar.output()).isZero();
        assertThat(bareJar.output()).contains("provisioner 0.1.0").contains(shared);
    }

    /** ln -s .../bin/provisioner ~/bin/provisioner, the usual way onto the PATH: the jar is found where the script is. */
    @Test
    void aLinkToTheLauncherFindsTheJarAndItsArchive(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("provisioner"), LAUNCHER.toAbsolutePath());
        TimedCommand.Timing run = launch(link, Map.of("PROVISIONER_JAR", "", "JAVA_OPTS", "-Xlog:class+load=info:stdout"),
                "--version");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("provisioner 0.1.0").contains("io.provisioner.cli.Main source: shared objects file");
    }

    @Test
    void noJarAnywhereIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(LAUNCHER, bin.resolve("provisioner"), StandardCopyOption.COPY_ATTRIBUTES);
        TimedCommand.Timing run = launch(bin.resolve("provisioner"), Map.of("PROVISIONER_JAR", ""), "--version");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.output().lines()).hasSize(1).first().asString()
                .startsWith("error: provisioner.jar not found").contains("./mvnw");
    }

    @Test
    void theSandboxAndMinaSshdShipInTheirOwnJar() throws IOException {
        try (ZipFile main = new ZipFile(jar().toFile());
             ZipFile sandbox = new ZipFile(jar().resolveSibling(SandboxLoader.JAR_NAME).toFile())) {
            assertThat(main.stream().map(e -> e.getName()))
                    .noneMatch(n -> n.startsWith("org/apache/sshd/") || n.startsWith("io/provisioner/sandbox/")
                            || n.startsWith("io/provisioner/cli/EmbeddedSandbox"))
                    .contains("io/provisioner/cli/SandboxLoader.class", "com/jcraft/jsch/JSch.class");
            assertThat(sandbox.stream().map(e -> e.getName()))
                    .contains("org/apache/sshd/server/SshServer.class", "io/provisioner/sandbox/SandboxLab.class",
                            "io/provisioner/cli/EmbeddedSandbox.class")
                    .noneMatch(n -> n.startsWith("com/fasterxml/") || n.startsWith("picocli/"));
        }
    }

    @Test
    void withoutTheSandboxJarDeploySandboxSaysWhatIsMissing(@TempDir Path dir) throws IOException {
        Path launcher = copyInstall(dir, false);
        TimedCommand.Timing run = launch(launcher, Map.of("PROVISIONER_JAR", ""), "deploy", "--sandbox");
        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.output().lines()).hasSize(1).first().asString()
                .startsWith("error: --sandbox needs provisioner-sandbox.jar next to provisioner.jar")
                .doesNotContain("Exception");
    }

    @Test
    void theReadmesSandboxDeployRunsThroughTheLauncher(@TempDir Path state) {
        TimedCommand.Timing run = launch(LAUNCHER, Map.of(), "deploy", "--sandbox", "--faults", "none",
                "--state-dir", state.toString(), "--format", "json");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("\"status\"\\s*:\\s*\"healthy\"");
    }
}
