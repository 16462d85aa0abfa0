package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {
    private static RuleBook load(String yaml) throws IOException {
        return RuleBook.load(List.of(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))), List.of("test.yaml"));
    }

    @Test
    void builtinRulesCoverEveryCategoryButUnknown() {
        Set<String> covered = RuleBook.builtin().rules().stream().map(Rule::category).collect(Collectors.toSet());
        for (String c : Vocabulary.CATEGORIES) {
            if (!c.equals(Vocabulary.UNKNOWN)) {
                assertThat(covered).as(c).contains(c);
            }
        }
    }

    @Test
    void everyBuiltinPatternHasALiteralPrefilter() {
        assertThat(RuleBook.builtin().unfilteredPatterns()).isEmpty();
    }

    @Test
    void addingARuleNeedsOnlyData() throws IOException {
        RuleBook book = load("""
                rules:
                  - id: custom/frobnicator
                    category: service-start-failure
                    priority: 99
                    any: ['frobnicator exploded on (?<host>\\S+)']
                    summary: The frobnicator on ${host} exploded; replace it.
                """);
        Diagnosis d = new Diagnoser(book).diagnose(new StringReader("frobnicator exploded on lab7\n"));
        assertThat(d.category()).isEqualTo("service-start-failure");
        assertThat(d.summary()).isEqualTo("The frobnicator on lab7 exploded; replace it.");
    }

    @Test
    void refusesUnknownCategoryWithRuleId() {
        assertThatThrownBy(() -> load("rules: [{id: x/1, category: disk-ful, any: ['No space'], summary: s}]"))
                .hasMessageContaining("rule x/1").hasMessageContaining("unknown category 'disk-ful'");
    }

    @Test
    void refusesACompetingCategoryThatIsUnknownOrItsOwn() {
        assertThatThrownBy(() -> load("rules: [{id: x/1, category: disk-full, competes_with: disk-ful, any: ['No space'],"
                + " summary: s}]")).hasMessageContaining("rule x/1").hasMessageContaining("competes_with");
        assertThatThrownBy(() -> load("rules: [{id: x/1, category: disk-full, competes_with: disk-full,"
                + " any: ['No space'], summary: s}]")).hasMessageContaining("competes_with");
    }

    @Test
    void refusesUnknownFixupAndBadRegex() {
        assertThatThrownBy(() -> load("rules: [{id: x/1, category: disk-full, fixups: [reboot], any: ['No space'], summary: s}]"))
                .hasMessageContaining("unknown fix-up 'reboot'");
        assertThatThrownBy(() -> load("rules: [{id: x/2, category: disk-full, any: ['No (space'], summary: s}]"))
                .hasMessageContaining("rule x/2").hasMessageContaining("bad pattern");
    }

    @Test
    void refusesDuplicateIdsAndUnknownKeys() {
        assertThatThrownBy(() -> load("rules: [{id: a, category: disk-full, any: [abc], summary: s},"
                + " {id: a, category: disk-full, any: [abc], summary: s}]")).hasMessageContaining("duplicate id");
        assertThatThrownBy(() -> load("rules: [{id: a, category: disk-full, anyy: [abc], summary: s}]"))
                .hasMessageContaining("anyy");
    }
}
