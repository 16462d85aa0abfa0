package io.provisioner.diagnose;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cold CLI as a user starts it ({@code bin/provisioner diagnose big.log}: the launcher, its JVM flags and class
 * archive) against the grep a user would run over the same file ({@code grep -c -E "ERROR|Error on exit|Access
 * denied|Traceback|fatal:|Permission denied|Could not|Failed to|die "}), in the same run, alternating for
 * {@link #ROUNDS} rounds, on a 400 MB log (xtrace and program noise repeated, then the MySQL 1045 failure). Both run
 * under /usr/bin/time -v for wall time, CPU time and max RSS. Prints the figures with the load average; asserts only
 * that the diagnosis is right and both ran. Run: scripts/bench.sh -Dit.test=DiagnoseBenchmarkIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false (size: -Dbench.bytes=..., rounds: -Dbench.rounds=...).
 */
@Tag("benchmark")
class DiagnoseBenchmarkIT {
    private static final long SIZE = Long.getLong("bench.bytes", 400L * 1024 * 1024);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final String USER_GREP = "ERROR|Error on exit|Access denied|Traceback|fatal:|Permission denied"
            + "|Could not|Failed to|die ";

    record Timed(double seconds, double cpuSeconds, long maxRssKb, String out) {
    }

    @Test
    void coldCliAgainstAUsersGrep() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "diagnose-bench");
        Path log = dir.resolve("big.log");
        try {
            write(log);
            double mb = Files.size(log) / 1024.0 / 1024.0;
            Path launcher = Path.of("bin/provisioner").toAbsolutePath();
            StringBuilder table = new StringBuilder(String.format("diagnose benchmark: %.0f MB log, %d cores%n", mb,
                    Runtime.getRuntime().availableProcessors()));
            for (int round = 1; round <= ROUNDS; round++) {
                String loadBefore = loadAverage();
                Timed grep = timed(List.of("grep", "-c", "-E", USER_GREP, log.toString()));
                Timed cli = timed(List.of(launcher.toString(), "diagnose", log.toString(), "--format", "json"));
                assertThat(cli.out()).contains("\"category\" : \"mysql-root-access-denied\"");
                assertThat(grep.out().trim().lines().findFirst().orElse("")).matches("\\d+");
                table.append(String.format("round %d (load average %s before, %s after)%n"
                                + "  bin/provisioner diagnose (cold): %.2f s wall  %.2f s CPU  %.0f MB/s  max RSS %d MB%n"
                                + "  grep -c -E (user's pattern)    : %.2f s wall  %.2f s CPU  %.0f MB/s  max RSS %d MB%n"
                                + "  throughput diagnose/grep: %.2fx by wall time, %.2fx by CPU time (target >= 0.5x)%n",
                        round, loadBefore, loadAverage(),
                        cli.seconds(), cli.cpuSeconds(), mb / cli.seconds(), cli.maxRssKb() / 1024,
                        grep.seconds(), grep.cpuSeconds(), mb / grep.seconds(), grep.maxRssKb() / 1024,
                        grep.seconds() / cli.seconds(), grep.cpuSeconds() / cli.cpuSeconds()));
            }
            System.out.print(table);
            Files.writeString(Path.of("target/bench-diagnose.txt"), table);
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(dir);
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static Timed timed(List<String> command) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("/usr/bin/time", "-v"));
        argv.addAll(command);
        Process p = new ProcessBuilder(argv).redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        double cpu = seconds(err, "User time \\(seconds\\): ([0-9.]+)") + seconds(err, "System time \\(seconds\\): ([0-9.]+)");
        return new Timed(wall(err), cpu, field(err, "Maximum resident set size \\(kbytes\\): (\\d+)"), out);
    }

    private static double wall(String timeOutput) {
        Matcher m = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (?:(\\d+):)?(\\d+):(\\d+(?:\\.\\d+)?)")
                .matcher(timeOutput);
        assertThat(m.find()).as(timeOutput).isTrue();
        double h = m.group(1) == null ? 0 : Double.parseDouble(m.group(1));
        return h * 3600 + Double.parseDouble(m.group(2)) * 60 + Double.parseDouble(m.group(3));
    }

    private static double seconds(String timeOutput, String regex) {
        Matcher m = Pattern.compile(regex).matcher(timeOutput);
        assertThat(m.find()).as(timeOutput).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static long field(String timeOutput, String regex) {
        Matcher m = Pattern.compile(regex).matcher(timeOutput);
        assertThat(m.find()).as(timeOutput).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void write(Path log) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
             GeneratedLog.Lines lines = new GeneratedLog(SIZE, 11).lines()) {
            for (String s = lines.next(); s != null; s = lines.next()) {
                w.write(s);
                w.write('\n');
            }
        }
    }
}
