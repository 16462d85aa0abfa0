package io.provisioner.diagnose;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of the diagnoser on a 500 MB generated log against {@code grep -E -c -f} with the same patterns (the
 * built-in rules and facts translated to POSIX ERE), in the same run on the same file. Prints numbers; asserts only
 * that both did their job. Run: {@code mvn -o -Pbench test -Dtest=DiagnoseBenchmarkTest}.
 */
@Tag("benchmark")
class DiagnoseBenchmarkTest {
    private static final long SIZE = Long.getLong("bench.bytes", 500L * 1024 * 1024);

    @Test
    void diagnoserAgainstGrep() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "diagnose-bench");
        Path log = dir.resolve("stack.sh.log");
        Path patterns = dir.resolve("patterns.ere");
        try {
            write(log);
            List<String> ere = new ArrayList<>();
            for (String p : Diagnoser.builtin().rules().allPatterns()) {
                ere.add(ErePatterns.toEre(p));
            }
            Files.write(patterns, ere, StandardCharsets.UTF_8);
            long size = Files.size(log);
            double mb = size / 1024.0 / 1024.0;

            Diagnosis warm = Diagnoser.builtin().diagnose(log);
            assertThat(warm.category()).isEqualTo("mysql-root-access-denied");
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                Diagnoser.builtin().diagnose(log);
                best = Math.min(best, System.nanoTime() - t0);
            }
            double javaMbs = mb / (best / 1e9);

            long grepBest = Long.MAX_VALUE;
            String grepCount = "";
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("grep", "-E", "-c", "-f", patterns.toString(), log.toString())
                        .redirectErrorStream(true).start();
                p.getOutputStream().close();
                grepCount = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
                grepBest = Math.min(grepBest, System.nanoTime() - t0);
            }
            double grepMbs = mb / (grepBest / 1e9);
            System.out.printf("diagnose benchmark: %.0f MB, %d patterns%n", mb, ere.size());
            System.out.printf("  diagnoser : %.2f s  %.1f MB/s%n", best / 1e9, javaMbs);
            System.out.printf("  grep -E -c: %.2f s  %.1f MB/s  (matching lines: %s)%n", grepBest / 1e9, grepMbs, grepCount);
            System.out.printf("  ratio diagnoser/grep: %.2fx (target >= 0.5x)%n", javaMbs / grepMbs);
            assertThat(grepCount).matches("\\d+");
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(patterns);
            Files.deleteIfExists(dir);
        }
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
