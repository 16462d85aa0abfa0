package io.provisioner.diagnose;

import io.provisioner.devstack.BoundedLineReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parallel scanner's line splitting ({@link LogChunks} cutting the stream into chunks of whole lines,
 * {@link ChunkLines} splitting each) gives exactly the lines of {@link BoundedLineReader}, the reference: same line
 * ends (\n, \r\n, a lone \r), same cut at MAX_LINE, same text, wherever the chunk edges fall.
 */
class ChunkLinesTest {
    private static final int MAX = BoundedLineReader.MAX_LINE;
    private static final ByteLiterals LITERALS = new ByteLiterals(List.of("Error on exit", "ERROR "));

    @Test
    void aLineAcrossAChunkEdgeIsOneLine() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        write(log, "a".repeat(MAX - 10) + "\n");
        write(log, "straddles the edge of the first chunk\n");
        write(log, "tail\n");
        assertSameLines(log.toByteArray(), MAX);
        assertThat(chunkedLines(log.toByteArray(), MAX, 1 << 20)).hasSize(3).element(1)
                .isEqualTo("straddles the edge of the first chunk");
    }

    @Test
    void crLfSplitByAChunkEdgeEndsOneLineAndCrLfAndLoneCrAreLineEnds() throws IOException {
        // the '\r' is the chunk's last byte, its '\n' the next chunk's first
        byte[] log = bytes("x".repeat(MAX - 1) + "\r\nnext\r\nprogress 10%\rprogress 20%\rdone\n");
        assertThat(log[MAX - 1]).isEqualTo((byte) '\r');
        assertSameLines(log, MAX);
        assertThat(chunkedLines(log, MAX, 1 << 20)).containsExactly("x".repeat(MAX - 1), "next", "progress 10%",
                "progress 20%", "done");
    }

    @Test
    void linesLongerThanTheChunkAreCutAtMaxLineAndTheNextLineIsKept() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        write(log, "first\n");
        write(log, "y".repeat(3 * MAX + 5) + "\r\n");     // longer than the chunk: cut, rest skipped
        write(log, "after the long line\n");
        write(log, "z".repeat(MAX + 100) + "\n");         // longer than MAX_LINE, shorter than a chunk of 2 * MAX
        write(log, "w".repeat(MAX) + "\r");               // exactly MAX_LINE, then a lone \r at a chunk end
        write(log, "last\n");
        for (int chunk : new int[]{MAX, MAX + 1, 2 * MAX, 2 * MAX + 3}) {
            assertSameLines(log.toByteArray(), chunk);
        }
        List<String> lines = chunkedLines(log.toByteArray(), MAX, 1 << 20);
        assertThat(lines.get(1)).hasSize(MAX);
        assertThat(lines.get(2)).isEqualTo("after the long line");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("last");
    }

    @Test
    void aLogWithoutAFinalNewlineKeepsItsLastLine() throws IOException {
        assertSameLines(bytes("one\ntwo\nno newline at the end"), MAX);
        assertThat(chunkedLines(bytes("one\ntwo\nno newline at the end"), MAX, 1 << 20))
                .containsExactly("one", "two", "no newline at the end");
        assertThat(chunkedLines(bytes("ends in a lone cr\r"), MAX, 1 << 20)).containsExactly("ends in a lone cr");
        assertThat(chunkedLines(new byte[0], MAX, 1 << 20)).isEmpty();
    }

    @Test
    void bytesThatAreNotUtf8AreReplacedNotFatal() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        log.writeBytes(new byte[]{'o', 'd', 'd', (byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF, '\n'});
        log.writeBytes("caf\u00e9 ERROR here\n".getBytes(StandardCharsets.UTF_8));
        log.writeBytes(new byte[]{(byte) 0x80, (byte) 0x8A, (byte) 0x8D, (byte) 0x0A});
        assertSameLines(log.toByteArray(), MAX);
        List<String> lines = chunkedLines(log.toByteArray(), MAX, 1 << 20);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("odd").contains("\ufffd");
        assertThat(lines.get(1)).isEqualTo("caf\u00e9 ERROR here");
    }

    @Test
    void theRelevanceAndExitTrapMarksFollowTheLiterals() throws IOException {
        byte[] log = bytes("plain\nan ERROR line\n+ functions:die:1 : echo\nError on exit\n2024-03-12 10:15:02.345 | + x\n"
                + "2014-08-12 16:46:52 + install_package\n2014-08-12 16:46:52 output\n");
        LogChunks.Chunk chunk = new LogChunks(new ByteArrayInputStream(log), MAX).next();
        ChunkLines lines = ChunkLines.split(chunk, LITERALS, LITERALS);
        assertThat(lines.count).isEqualTo(7);
        assertThat(lines.trace(5)).as("awk-stamped xtrace").isTrue();
        assertThat(lines.trace(6)).isFalse();
        assertThat(lines.relevant(0)).isFalse();
        assertThat(lines.relevant(1)).isTrue();
        assertThat(lines.exitTrap(1)).isFalse();
        assertThat(lines.relevant(3)).isTrue();
        assertThat(lines.exitTrap(3)).isTrue();
        assertThat(lines.trace(2)).isTrue();
        assertThat(lines.trace(4)).isTrue();
        assertThat(lines.trace(0)).isFalse();
    }

    @Test
    void plainTraceTrapsAreMarkedAsExitTrapsOnlyWhenTheReaderTakesThemSo() throws IOException {
        // stack.sh before June 2014: "+ exit_trap" (or "+ clean", before 2014-02) and the ERR trap "++ failed"
        ByteLiterals traps = new ByteLiterals(List.of("+ exit_trap", "+ clean", "+ failed"));
        byte[] log = bytes("2014-03-20 14:12:31.915 | + exit_trap\n+ clean\n+ clean_iptables\n++ failed\n"
                + "+ exit_trapped\n+ echo + clean\n");
        ChunkLines lines = ChunkLines.split(new LogChunks(new ByteArrayInputStream(log), MAX).next(), traps, traps);
        assertThat(lines.count).isEqualTo(6);
        assertThat(lines.exitTrap(0)).isTrue();
        assertThat(lines.exitTrap(1)).isTrue();
        assertThat(lines.exitTrap(2)).as("a function named clean_...").isFalse();
        assertThat(lines.exitTrap(3)).isTrue();
        assertThat(lines.exitTrap(4)).isFalse();
        assertThat(lines.exitTrap(5)).isFalse();
        assertThat(lines.relevant(2)).isTrue();
    }

    @Test
    void randomLogsSplitLikeTheReferenceWhateverTheChunkAndReadSizes() throws IOException {
        Random random = new Random(16);
        String[] ends = {"\n", "\r\n", "\r", "\n\n", "\r\r\n"};
        for (int trial = 0; trial < 30; trial++) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int lines = 50 + random.nextInt(400);
            for (int k = 0; k < lines; k++) {
                int length = switch (random.nextInt(20)) {
                    case 0 -> MAX - 3 + random.nextInt(6);
                    case 1 -> MAX + random.nextInt(3 * MAX);
                    default -> random.nextInt(300);
                };
                byte[] text = new byte[length];
                for (int i = 0; i < length; i++) {
                    text[i] = (byte) (random.nextInt(10) == 0 ? 0x80 + random.nextInt(128) : ' ' + random.nextInt(95));
                }
                log.writeBytes(text);
                if (k < lines - 1 || random.nextBoolean()) {
                    log.writeBytes(ends[random.nextInt(ends.length)].getBytes(StandardCharsets.US_ASCII));
                }
            }
            int chunk = MAX + random.nextInt(2 * MAX);
            assertThat(chunkedLines(log.toByteArray(), chunk, 1 + random.nextInt(70_000)))
                    .as("trial %d, chunk %d", trial, chunk).isEqualTo(referenceLines(log.toByteArray()));
        }
    }

    /**
     * The one-pass split (line ends and both filters' probes 8 bytes a step, {@code ChunkLines.probeAndSplit}) marks
     * exactly the lines a plain search of each line's first MAX_LINE bytes finds a literal in: literals of both filters
     * (long, 5 and 6 bytes) at every offset of a line, right after and before a line end (so the probes' windows
     * span it), ending at the chunk's last byte, after \r\n and a lone \r, and beyond MAX_LINE in a long line (not
     * counted there), in chunks cut anywhere.
     */
    @Test
    void theOnePassSplitMarksTheLinesAPlainSearchFindsLiteralsIn() throws IOException {
        List<String> literals = List.of("Error on exit", "stack.sh failed", "ERROR ", "Ran: ");
        ByteLiterals search = new ByteLiterals(literals);
        assertThat(search.probesOnly()).as("the one-pass split is the one tested").isTrue();
        Random random = new Random(18);
        String[] ends = {"\n", "\r\n", "\r"};
        ChunkLines previous = null;
        for (int trial = 0; trial < 40; trial++) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int lines = 20 + random.nextInt(200);
            for (int k = 0; k < lines; k++) {
                StringBuilder line = new StringBuilder();
                int length = random.nextInt(15) == 0 ? MAX - 20 + random.nextInt(60) : random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    line.append((char) ('a' + random.nextInt(26)));
                }
                if (random.nextInt(3) == 0) {
                    line.insert(random.nextInt(line.length() + 1), literals.get(random.nextInt(literals.size())));
                }
                write(log, line.toString());
                if (k < lines - 1 || random.nextBoolean()) {
                    write(log, ends[random.nextInt(ends.length)]);
                }
            }
            byte[] bytes = log.toByteArray();
            int chunkSize = MAX + random.nextInt(MAX);
            List<Boolean> expected = new ArrayList<>();
            for (String line : referenceLines(bytes)) {
                expected.add(literals.stream().anyMatch(line::contains));
            }
            List<Boolean> marked = new ArrayList<>();
            List<Boolean> exitTraps = new ArrayList<>();
            List<Boolean> expectedExitTraps = new ArrayList<>();
            LogChunks chunks = new LogChunks(new ShortReads(bytes, 1 + random.nextInt(70_000)), chunkSize);
            for (LogChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
                ChunkLines split = ChunkLines.split(chunk, search, search);
                // the same split into the arrays of an earlier chunk's lines (longer or shorter, other marks)
                ChunkLines reused = ChunkLines.split(chunk, search, search, previous);
                assertSameSplit(reused, split);
                previous = reused;
                for (int k = 0; k < split.count; k++) {
                    marked.add(split.relevant(k));
                    exitTraps.add(split.exitTrap(k));
                    String text = new String(split.data, split.starts[k], Math.min(split.ends[k] - split.starts[k], MAX),
                            StandardCharsets.US_ASCII);
                    expectedExitTraps.add(text.contains("Error on exit"));
                }
            }
            assertThat(marked).as("trial %d, chunk %d", trial, chunkSize).isEqualTo(expected);
            assertThat(exitTraps).isEqualTo(expectedExitTraps);
            assertThat(expected).as("trial %d holds literals", trial).contains(true);
        }
    }

    @Test
    void aLiteralEndingAtTheChunksLastByteOrAfterTheCutIsFoundOnlyWhereItCounts() throws IOException {
        List<String> literals = List.of("Error on exit", "ERROR ");
        ByteLiterals search = new ByteLiterals(literals);
        for (int before = 0; before < 40; before++) {
            for (String literal : literals) {
                for (String end : new String[]{"", "\n", "\r\n"}) {
                    // the literal is the chunk's last byte or just before the line end that is
                    byte[] log = bytes("x".repeat(50) + "\n" + "y".repeat(before) + literal + end);
                    ChunkLines split = ChunkLines.split(new LogChunks.Chunk(log, log.length), search, search);
                    assertThat(split.count).isEqualTo(2);
                    assertThat(split.relevant(0)).isFalse();
                    assertThat(split.relevant(1)).as("%s after %d bytes", literal, before).isTrue();
                    // one byte short: no literal
                    int cut = log.length - end.length() - 1;
                    assertThat(ChunkLines.split(new LogChunks.Chunk(log, cut), search, search).relevant(1)).isFalse();
                }
            }
        }
        // a line longer than MAX_LINE with the literal only after its first MAX_LINE bytes: not relevant
        byte[] log = bytes("z".repeat(MAX - 3) + "ERROR here\nnext ERROR line\n");
        LogChunks.Chunk chunk = new LogChunks(new ByteArrayInputStream(log), 4 * MAX).next();
        ChunkLines split = ChunkLines.split(chunk, search, search);
        assertThat(split.count).isEqualTo(2);
        assertThat(split.relevant(0)).isFalse();
        assertThat(split.relevant(1)).isTrue();
    }

    private static void assertSameSplit(ChunkLines actual, ChunkLines expected) {
        assertThat(actual.data).isSameAs(expected.data);
        assertThat(actual.count).isEqualTo(expected.count);
        assertThat(actual.anyRelevant()).isEqualTo(expected.anyRelevant());
        for (int k = 0; k < expected.count; k++) {
            assertThat(List.of(actual.starts[k], actual.ends[k], actual.relevant(k), actual.exitTrap(k)))
                    .as("line %d", k)
                    .isEqualTo(List.of(expected.starts[k], expected.ends[k], expected.relevant(k), expected.exitTrap(k)));
        }
    }

    private static void assertSameLines(byte[] log, int chunk) throws IOException {
        for (int read : new int[]{1 << 20, 4096, 7}) {
            assertThat(chunkedLines(log, chunk, read)).as("chunk %d, reads of %d", chunk, read)
                    .isEqualTo(referenceLines(log));
        }
    }

    private static List<String> chunkedLines(byte[] log, int chunkSize, int readSize) throws IOException {
        LogChunks chunks = new LogChunks(new ShortReads(log, readSize), chunkSize);
        List<String> out = new ArrayList<>();
        for (LogChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
            ChunkLines lines = ChunkLines.split(chunk, LITERALS, LITERALS);
            for (int k = 0; k < lines.count; k++) {
                int length = Math.min(lines.ends[k] - lines.starts[k], MAX);
                out.add(new String(lines.data, lines.starts[k], length, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<String> referenceLines(byte[] log) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new ByteArrayInputStream(log));
        List<String> out = new ArrayList<>();
        for (String s = reader.readLine(); s != null; s = reader.readLine()) {
            out.add(s);
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(bytes(s));
    }

    /** A stream that returns at most {@code most} bytes per read, as a pipe does. */
    private static final class ShortReads extends InputStream {
        private final byte[] data;
        private final int most;
        private int pos;

        ShortReads(byte[] data, int most) {
            this.data = data;
            this.most = most;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, most), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
