package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The derived rule file the CLI starts from says what rules.yaml says. */
class CompactRulesTest {

    private static RuleFile yaml() throws IOException {
        try (InputStream in = RuleBook.class.getResourceAsStream(RuleBook.BUILTIN)) {
            return RuleBook.parse(in, RuleBook.BUILTIN);
        }
    }

    private static RuleFile roundTrip(RuleFile file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompactRules.write(file, out);
        return CompactRules.read(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void theDerivedFileOnTheClasspathIsTheBuiltinYaml() throws IOException {
        // written by the build (process-classes) from the same rules.yaml: a stale or mis-written one fails here
        try (InputStream in = RuleBook.class.getResourceAsStream(CompactRules.RESOURCE)) {
            assertThat(in).as("the build derives " + CompactRules.RESOURCE).isNotNull();
            assertThat(CompactRules.read(in)).isEqualTo(yaml());
        }
    }

    @Test
    void theBuiltinRuleBookIsTheSameEitherWay() {
        RuleBook derived = RuleBook.builtin();
        RuleBook fromYaml = RuleBook.builtinYaml();
        assertThat(derived.allPatterns()).isEqualTo(fromYaml.allPatterns()).hasSizeGreaterThan(100);
        assertThat(derived.rules()).hasSameSizeAs(fromYaml.rules());
        for (int i = 0; i < derived.rules().size(); i++) {
            Rule a = derived.rules().get(i);
            Rule b = fromYaml.rules().get(i);
            assertThat(List.of(a.id(), a.category(), a.fixups(), a.priority(), a.summary(), a.afterExit(), a.inTrace(),
                    a.hang(), String.valueOf(a.competesWith()))).isEqualTo(List.of(b.id(), b.category(), b.fixups(),
                    b.priority(), b.summary(), b.afterExit(), b.inTrace(), b.hang(), String.valueOf(b.competesWith())));
        }
        assertThat(derived.structure()).hasSameSizeAs(fromYaml.structure());
        assertThat(derived.crossCutting).isEqualTo(fromYaml.crossCutting);
    }

    @Test
    void absentAndEmptyValuesSurvive() throws IOException {
        RuleFile file = RuleBook.parse(new ByteArrayInputStream("""
                facts: []
                rules:
                  - id: x/1
                    category: disk-full
                    competes_with: out-of-memory
                    any: ['No space left (é)']
                    in_trace: false
                    hang: true
                    summary: s
                structure:
                  - id: s/1
                    family: [disk-full]
                    weight: 2.5
                    host_state: true
                    output: 'No space'
                """.getBytes(StandardCharsets.UTF_8)), "t.yaml");
        RuleFile back = roundTrip(file);
        assertThat(back).isEqualTo(file);
        assertThat(back.rules().get(0).priority()).isNull();
        assertThat(back.rules().get(0).competesWith()).isEqualTo("out-of-memory");
        assertThat(back.rules().get(0).learnedFrom()).isNull();
        assertThat(back.rules().get(0).inTrace()).isFalse();
        assertThat(back.rules().get(0).afterExit()).isNull();
        assertThat(back.crossCutting()).isNull();
        assertThat(back.facts()).isEmpty();
    }

    @Test
    void anotherLayoutIsRefused() {
        assertThatThrownBy(() -> CompactRules.read(new ByteArrayInputStream(new byte[]{0, 0, 0, 9})))
                .hasMessageContaining("version 9");
    }
}
