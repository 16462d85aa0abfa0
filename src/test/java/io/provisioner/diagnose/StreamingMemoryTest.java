package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.io.Reader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 400 MB log generated on the fly (never stored) streams through the diagnoser while the heap in use stays
 * small: the diagnoser keeps constant state, not the lines it has read.
 */
class StreamingMemoryTest {
    @Test
    void largeLogStreamsInConstantMemory() {
        GeneratedLog log = new GeneratedLog(400L * 1024 * 1024, 7);
        Runtime rt = Runtime.getRuntime();
        DiagnosisSession session = Diagnoser.builtin().newSession();
        // the test JVM holds what earlier tests left: measure what streaming adds to it
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long maxUsed = before;
        try (GeneratedLog.Lines lines = log.lines()) {
            long n = 0;
            for (String s = lines.next(); s != null; s = lines.next()) {
                session.accept(s);
                if (++n % 500_000 == 0) {
                    System.gc();
                    maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
                }
            }
            assertThat(n).isGreaterThan(3_000_000);
        }
        Diagnosis d = session.diagnosis();
        assertThat(d.category()).isEqualTo("mysql-root-access-denied");
        assertThat(d.evidence().size()).isLessThanOrEqualTo(8);
        // 400 MB of text went through; holding even a tenth of it would exceed this bound
        System.out.printf("heap in use: %d MB before, at most %d MB while streaming%n", before >> 20, maxUsed >> 20);
        assertThat(maxUsed - before).as("heap the streaming added").isLessThan(40L * 1024 * 1024);
    }

    @Test
    void generatedReaderProducesTheSameLines() throws Exception {
        GeneratedLog log = new GeneratedLog(2L * 1024 * 1024, 3);
        Reader r = log.reader();
        Diagnosis viaReader = Diagnoser.builtin().diagnose(r);
        assertThat(viaReader.category()).isEqualTo("mysql-root-access-denied");
    }
}
