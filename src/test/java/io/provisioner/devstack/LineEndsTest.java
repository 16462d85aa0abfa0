package io.provisioner.devstack;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class LineEndsTest {

    @Test
    void findsTheFirstLfOrCrAtEveryPositionOfAWord() {
        // the word-wide search reads eight bytes at a time: put the end at every offset, from every start
        for (int length = 0; length < 40; length++) {
            for (int endAt = 0; endAt <= length; endAt++) {
                for (byte terminator : new byte[]{'\n', '\r'}) {
                    byte[] line = new byte[length + 1];
                    Arrays.fill(line, (byte) 'x');
                    line[endAt] = terminator;
                    for (int from = 0; from <= endAt; from++) {
                        assertThat(LineEnds.next(line, from, line.length)).as("length %d end %d from %d", length, endAt,
                                from).isEqualTo(endAt);
                    }
                }
            }
        }
    }

    @Test
    void theEarlierOfCrAndLfWinsAndBytesPastTheRangeAreNotRead() {
        byte[] text = "abcdefgh\rijklmno\npq".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineEnds.next(text, 0, text.length)).isEqualTo(8);
        assertThat(LineEnds.next(text, 9, text.length)).isEqualTo(16);
        assertThat(LineEnds.next(text, 0, 8)).isEqualTo(-1);
        assertThat(LineEnds.next(text, 17, text.length)).isEqualTo(-1);
    }

    @Test
    void bytesThatOnlyLookCloseAreNoLineEnd() {
        // 0x0A and 0x0D plus or minus one, and the same with the high bit set (UTF-8 continuation bytes)
        byte[] near = {0x09, 0x0B, 0x0C, 0x0E, (byte) 0x8A, (byte) 0x8D, (byte) 0xFF, 0x00, 0x01, 0x7F, 0x2A, 0x5A,
                (byte) 0xC3, (byte) 0xA9, 0x0B, 0x0C};
        assertThat(LineEnds.next(near, 0, near.length)).isEqualTo(-1);
    }
}
