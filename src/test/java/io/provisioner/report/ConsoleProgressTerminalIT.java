package io.provisioner.report;

import io.provisioner.lab.Requirements;
import io.provisioner.remote.LocalCommand;
import io.provisioner.remote.LocalResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy --sandbox} run by the real jar under a pseudo-terminal ({@code script}), its output read as
 * the terminal shows it; and the same run through a pipe.
 */
class ConsoleProgressTerminalIT {
    /** A live status line: "sandbox1     stack #2: Starting Nova [83%]  0:05  ...", "sandbox1     verify  0:00". */
    private static final Pattern LIVE_LINE = Pattern.compile("^sandbox1\\s+[\\w:-]+( #\\d+)?(: .* \\[\\d+%])?  \\d+:\\d\\d.*");

    private static String deployCommand() {
        String jar = System.getenv("PROVISIONER_JAR");
        Requirements.require(jar != null && Files.exists(Path.of(jar)), "target/provisioner.jar (run through failsafe)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return java + " -XX:TieredStopAtLevel=1 -jar " + jar + " deploy --sandbox --faults seed";
    }

    @Test
    void onA120ColumnTerminalTheStatusBlockIsGoneAndNothingRepeats() throws IOException {
        Requirements.requireExecutable("/usr/bin/script");
        // CI=true would turn the live display off: this test is about the terminal
        LocalResult run = LocalCommand.of("/usr/bin/script", "-qfec", "env -u CI " + deployCommand(), "/dev/null")
                .withEnvironment(Map.of("COLUMNS", "120", "TERM", "xterm")).withTimeout(Duration.ofMinutes(4)).run();
        String raw = run.stdout();
        assertThat(run.exitStatus()).as(raw).isZero();
        assertThat(raw).as("the live display was on").contains("\033[").containsPattern("\\[\\d+%]");
        List<String> screen = TerminalScreen.of(raw).lines();
        String shown = String.join("\n", screen);
        assertThat(screen).as(shown).noneMatch(line -> LIVE_LINE.matcher(line).matches());
        assertThat(screen).as(shown).noneMatch(line -> line.contains("[[") || line.startsWith("+ ") || line.contains("\033"));
        assertThat(screen.stream().filter(line -> line.contains("1 of 1 hosts healthy"))).as(shown).hasSize(1);
        assertThat(screen.stream().filter(line -> line.contains("finished: healthy"))).as(shown).hasSize(1);
        assertThat(screen.stream().filter(line -> line.startsWith("  sandbox1     healthy"))).as(shown).hasSize(1);
        // the live lines, as they went by, used the width: a long phase name was not cut at 30 characters
        assertThat(raw).containsPattern("Configuring and starting MySQL \\[\\d+%]");
    }

    @Test
    void throughAPipeEveryProgressLineIsStampedToTheSecond() throws IOException {
        LocalResult run = LocalCommand.of("bash", "-c", deployCommand() + " | cat")
                .withTimeout(Duration.ofMinutes(4)).run();
        assertThat(run.exitStatus()).as(run.output()).isZero();
        // besides the banner and the summary (a header and indented rows), every line is a stamped progress line
        List<String> progress = run.stdout().lines().filter(line -> !line.isEmpty() && !line.startsWith("sandbox: ")
                && !line.startsWith("deploy ") && !line.startsWith("  ")).toList();
        assertThat(progress).hasSizeGreaterThan(10);
        assertThat(progress).allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ sandbox1 .*"));
        assertThat(run.stdout()).doesNotContain("\033");
    }
}
