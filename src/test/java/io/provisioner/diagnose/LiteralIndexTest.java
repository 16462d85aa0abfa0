package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralIndexTest {
    @Test
    void reportsEveryContainedLiteralIncludingOverlaps() {
        LiteralIndex idx = new LiteralIndex(List.of("he", "she", "his", "hers", "Error on exit"));
        TreeSet<Integer> hits = new TreeSet<>();
        idx.scan("ushers", hits::add);
        assertThat(hits).containsExactly(0, 1, 3);
        hits.clear();
        idx.scan("ü Error on exit é", hits::add);
        assertThat(hits).containsExactly(4);
        hits.clear();
        idx.scan("xyz", hits::add);
        assertThat(hits).isEmpty();
    }

    /**
     * The table has a column only per char some literal holds: a char of no literal (here most of the alphabet, a
     * non-ASCII one, a control char) must send the automaton back to the root, never into a literal's path.
     */
    @Test
    void agreesWithAPlainSearchOnRandomTextOfCharsInAndOutsideTheLiterals() {
        List<String> literals = List.of("Access denied", "access", "denied for", "ERROR 1045", "Error on exit",
                "no_proxy=", "ss de", "ERROR ");
        LiteralIndex idx = new LiteralIndex(literals);
        String alphabet = "Accessdenid for ERO1045rxyz_=\tü\u0000Q";
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(8);
            for (int piece = 0; piece < pieces; piece++) {
                if (random.nextBoolean()) {
                    text.append(literals.get(random.nextInt(literals.size())));
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            TreeSet<Integer> expected = new TreeSet<>();
            for (int id = 0; id < literals.size(); id++) {
                if (text.toString().contains(literals.get(id))) {
                    expected.add(id);
                }
            }
            TreeSet<Integer> hits = new TreeSet<>();
            idx.scan(text.toString(), hits::add);
            assertThat(hits).as(text.toString()).isEqualTo(expected);
        }
    }

    @Test
    void aNonAsciiLiteralIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LiteralIndex(List.of("ok", "dépôt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-ASCII");
    }
}
