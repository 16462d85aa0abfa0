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
