package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.util.List;
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
}
