package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strided filters never miss a literal: ByteLiterals agrees with a plain search, wherever the literal lies. */
class ByteLiteralsTest {

    @Test
    void findsEachLiteralAtEveryOffsetOfALine() {
        // long (>= 11 bytes), short (5-10) and tiny (3-4) literals, each probed in its own way
        List<String> literals = List.of("stack.sh failed", "ERROR ", "Ran: ", "die", "oom!", "[Call Trace]");
        ByteLiterals search = new ByteLiterals(literals);
        for (String literal : literals) {
            for (int before = 0; before < 20; before++) {
                for (int after = 0; after < 12; after++) {
                    byte[] line = ("_".repeat(before) + literal + "_".repeat(after)).getBytes(StandardCharsets.US_ASCII);
                    assertThat(search.anyIn(line, 0, line.length)).as("%s at %d of %d", literal, before, line.length)
                            .isTrue();
                    // one byte short of the literal: no match
                    assertThat(search.anyIn(line, 0, before + literal.length() - 1)).isFalse();
                    assertThat(search.anyIn(line, before + 1, line.length)).isFalse();
                }
            }
        }
    }

    @Test
    void agreesWithAPlainSearchOnRandomLines() {
        Random random = new Random(42);
        List<String> literals = List.of("Access denied", "Could not get lock", "git clone git://", "ERROR ",
                "curl: (", "Ran: ", "[Errno 28]", "Error on exit", "No space left on device", "fatal: ");
        ByteLiterals search = new ByteLiterals(literals);
        String[] pieces = {"ERROR", "ERRO", "Access", " denied", "Could not", " get lock", "git clone ", "git://",
                "curl: ", "(", "Ran:", " ", "[Errno 2", "8]", "Error on", " exit", "fatal:", "x", "\u00e9", "\t"};
        int found = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(12);
            for (int k = 0; k < parts; k++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] line = ("<<" + text + ">>").getBytes(StandardCharsets.UTF_8);
            int from = 2;
            int to = line.length - 2;
            String window = new String(line, from, to - from, StandardCharsets.UTF_8);
            boolean expected = literals.stream().anyMatch(window::contains);
            assertThat(search.anyIn(line, from, to)).as(window).isEqualTo(expected);
            found += expected ? 1 : 0;
        }
        assertThat(found).as("the trials hold literals").isBetween(1000, 19_000);
    }

    @Test
    void literalsSharingTheirWindowsAreEachComparedInFull() {
        // the same first 8 bytes (so the same windows and hashes): only the literal really there may answer
        List<String> literals = List.of("configure_nova failed", "configure_neutron failed", "configure_keystone died",
                "ERROR 1045", "ERROR 1698");
        ByteLiterals search = new ByteLiterals(literals);
        for (String literal : literals) {
            for (int before = 0; before < 6; before++) {
                byte[] line = ("+ " + "x".repeat(before) + literal + " at line 3").getBytes(StandardCharsets.US_ASCII);
                assertThat(search.anyIn(line, 0, line.length)).as(literal).isTrue();
            }
        }
        for (String nearMiss : List.of("configure_nova ok", "configure_neutron failes", "configure_keystone", "ERROR 1046",
                "ERROR 169", "configure_keystone dies after configure_nova faile")) {
            byte[] line = ("+ " + nearMiss + " at line 3").getBytes(StandardCharsets.US_ASCII);
            assertThat(search.anyIn(line, 0, line.length)).as(nearMiss).isFalse();
        }
    }

    @Test
    void aLiteralShorterThanThreeBytesIsStillFound() {
        ByteLiterals search = new ByteLiterals(List.of("E:", "stack.sh failed"));
        byte[] line = "W: fine\tE: broken".getBytes(StandardCharsets.US_ASCII);
        assertThat(search.anyIn(line, 0, line.length)).isTrue();
        assertThat(search.anyIn(line, 0, 9)).isFalse(); // "W: fine\tE" ends just before the ":"
    }

    /**
     * A 5-byte literal has no 3-byte window at offset 3, so its probe there is the window one byte before it: any byte
     * (a line's first, a '+', a non-ASCII one) followed by its first two bytes. Found wherever it starts.
     */
    @Test
    void aFiveByteLiteralIsFoundAfterAnyByte() {
        ByteLiterals search = new ByteLiterals(List.of("Ran: ", "stack.sh failed"));
        for (int b = 0; b < 256; b++) {
            for (int before = 0; before < 9; before++) {
                byte[] line = new byte[before + 1 + 5 + 3];
                java.util.Arrays.fill(line, (byte) '_');
                line[before] = (byte) b;
                System.arraycopy("Ran: ".getBytes(StandardCharsets.US_ASCII), 0, line, before + 1, 5);
                assertThat(search.anyIn(line, 0, line.length)).as("after byte %d at %d", b, before).isTrue();
                assertThat(search.anyIn(line, before + 1, before + 6)).isTrue();
                assertThat(search.anyIn(line, before + 2, line.length)).isFalse();
            }
        }
    }

    @Test
    void aLiteralHoldingALineEndIsLeftToTheLineByLineSearch() {
        assertThat(new ByteLiterals(List.of("stack.sh failed", "ERROR ")).probesOnly()).isTrue();
        assertThat(new ByteLiterals(List.of("stack.sh failed", "two\nlines")).probesOnly()).isFalse();
        assertThat(new ByteLiterals(List.of("stack.sh failed", "oom!")).probesOnly()).isFalse();
    }

    @Test
    void noLiteralsOrAnEmptyOneIsRefused() {
        assertThatThrownBy(() -> new ByteLiterals(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteLiterals(List.of("ok", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNonAsciiLiteralIsRefusedThoughNoTrieIsBuiltForLongOnes() {
        // every literal here is probed by the filters alone, so only the explicit check refuses it
        assertThatThrownBy(() -> new ByteLiterals(List.of("stack.sh failed", "Zugriff verweigert für")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-ASCII");
    }

    /**
     * A "maybe" is checked on the literal's last 8 bytes before the whole of it: text that starts like a literal
     * and differs only in its last byte, or only in a byte before its last 8, is no match; the literal itself is,
     * ending at the range's last byte; literals of 5 to 7 bytes (no last 8 bytes of their own) too.
     */
    @Test
    void aLiteralDifferingOnlyAtItsEndOrBeforeItsLastEightBytesIsNoMatch() {
        List<String> literals = List.of("Could not resolve host: ", "Could not get lock /", "TASK [", "curl: (");
        ByteLiterals search = new ByteLiterals(literals);
        for (String literal : literals) {
            for (int position = 0; position < literal.length(); position++) {
                char[] changed = literal.toCharArray();
                changed[position] = changed[position] == 'x' ? 'y' : 'x';
                byte[] near = ("+ " + new String(changed)).getBytes(StandardCharsets.US_ASCII);
                assertThat(search.anyIn(near, 0, near.length)).as("%s changed at %d", literal, position).isFalse();
            }
            byte[] line = ("+ " + literal).getBytes(StandardCharsets.US_ASCII);
            assertThat(search.anyIn(line, 0, line.length)).as("%s at the range's end", literal).isTrue();
            assertThat(search.anyIn(line, 0, line.length - 1)).isFalse();
        }
    }

    /**
     * Any 4 consecutive windows find a literal (the probes are 4 bytes apart): with each literal's windows chosen
     * from any allowed offset, the literal inserted in random text at every alignment is found, by the line search
     * and by {@link ChunkLines}' own probe loop over a chunk of many lines, and one byte short of it is not.
     */
    @Test
    void aLiteralIsFoundAtEveryAlignmentWhicheverWindowsAreChosen() {
        // long ones of 11 to 20 bytes, short ones of 5 to 10: every choice each allows
        List<String> literals = List.of("Error on exit", "Could not get lock", "stack.sh failed", "devstack@",
                "curl: (", "ERROR ", "Ran: ", " Killed ", "git://", "[Errno 28]", "Permission de");
        Random random = new Random(7);
        String alphabet = "abcdef ERROR:/(@.-_tackdevgi";
        for (String literal : literals) {
            int length = literal.length();
            for (int first = ByteLiterals.firstWindowMin(length); first <= ByteLiterals.firstWindowMax(length); first++) {
                ByteLiterals search = new ByteLiterals(literals, java.util.Map.of(literal, first));
                for (int before = 0; before < 12; before++) {
                    StringBuilder noise = new StringBuilder();
                    for (int k = 0; k < before; k++) {
                        noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    String text = noise + literal + "~" + noise;
                    byte[] line = text.getBytes(StandardCharsets.US_ASCII);
                    String shortOfIt = text.substring(0, before + length - 1);
                    boolean expectedShort = literals.stream().anyMatch(shortOfIt::contains);
                    assertThat(search.anyIn(line, 0, line.length)).as("%s from %d at %d", literal, first, before)
                            .isTrue();
                    assertThat(search.anyIn(line, 0, before + length - 1)).as("%s short", literal)
                            .isEqualTo(expectedShort);
                    // a chunk of lines: the literal on the third, at every alignment to the chunk's probes
                    byte[] chunk = ("x".repeat(before % 4) + "\n" + "y".repeat(30) + "\n" + text + "\n"
                            + "z".repeat(40) + "\n").getBytes(StandardCharsets.US_ASCII);
                    ChunkLines split = ChunkLines.split(new LogChunks.Chunk(chunk, chunk.length), search, search);
                    assertThat(split.count).isEqualTo(4);
                    assertThat(split.relevant(2)).as("%s from %d at %d in a chunk", literal, first, before).isTrue();
                    assertThat(split.relevant(3)).isFalse();
                }
            }
        }
    }

    @Test
    void windowsOutsideTheLiteralAreRefused() {
        assertThatThrownBy(() -> new ByteLiterals(List.of("Error on exit"), java.util.Map.of("Error on exit", 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Error on exit");
        assertThatThrownBy(() -> new ByteLiterals(List.of("ERROR "), java.util.Map.of("ERROR ", -1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ByteLiterals.firstWindowMax("Error on exit".length())).isEqualTo(2);
        assertThat(ByteLiterals.firstWindowMax("Ran: ".length())).isEqualTo(-1);
    }
}
