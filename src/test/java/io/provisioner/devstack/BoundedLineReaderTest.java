package io.provisioner.devstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedLineReaderTest {
    private static List<String> lines(Reader in) throws IOException {
        BoundedLineReader r = new BoundedLineReader(in);
        List<String> out = new ArrayList<>();
        for (String s = r.readLine(); s != null; s = r.readLine()) {
            out.add(s);
        }
        return out;
    }

    @Test
    void splitsOnLfCrlfAndLoneCr() throws IOException {
        assertThat(lines(new StringReader("a\nb\r\nc\rd"))).containsExactly("a", "b", "c", "d");
        assertThat(lines(new StringReader("\n\nx\n"))).containsExactly("", "", "x");
    }

    private static List<String> byteLines(byte[] data) throws IOException {
        BoundedLineReader r = new BoundedLineReader(new java.io.ByteArrayInputStream(data));
        List<String> out = new ArrayList<>();
        for (String s = r.readLine(); s != null; s = r.readLine()) {
            out.add(s);
        }
        return out;
    }

    @Test
    void bytePathMatchesCharPathIncludingUtf8AndLongLines() throws IOException {
        StringBuilder b = new StringBuilder();
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 20_000; i++) {
            int kind = rnd.nextInt(5);
            b.append(kind == 0 ? "修改mysql root密码 ✓" : kind == 1 ? "x".repeat(rnd.nextInt(700_000) / 100)
                    : "+ lib/nova:init_nova:" + i).append(rnd.nextBoolean() ? "\n" : "\r\n");
        }
        String text = b.toString();
        assertThat(byteLines(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(lines(new StringReader(text)));
    }

    @Test
    void bytePathReplacesInvalidUtf8AndCutsHugeLines() throws IOException {
        byte[] bad = {'a', (byte) 0xff, (byte) 0xfe, 'b', '\n', 'c'};
        assertThat(byteLines(bad)).containsExactly("a\ufffd\ufffdb", "c");
        byte[] huge = new byte[3 * BoundedLineReader.MAX_LINE + 10];
        java.util.Arrays.fill(huge, (byte) 'y');
        huge[huge.length - 5] = '\n';
        List<String> out = byteLines(huge);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).hasSize(BoundedLineReader.MAX_LINE);
        assertThat(out.get(1)).isEqualTo("yyyy");
    }

    @Test
    void cutsHugeLinesWithoutHoldingThem() throws IOException {
        // 10 million characters on one line, produced on the fly: the reader keeps only MAX_LINE of them.
        Reader huge = new Reader() {
            long left = 10_000_000;

            @Override
            public int read(char[] cbuf, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(cbuf, off, off + n, 'x');
                left -= n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        List<String> out = lines(new java.io.BufferedReader(huge) {
        });
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).hasSize(BoundedLineReader.MAX_LINE);
    }
}
