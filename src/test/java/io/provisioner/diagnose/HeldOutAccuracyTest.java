package io.provisioner.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Held-out accuracy on the public-failure corpus (src/test/resources/logs/public, sources in cases.json): the corpus
 * is split in halves A and B; a rule written from a log of one half says so ({@code learned_from: A|B}) and is
 * left out when that half is scored. So each half is scored only by rules written from the other half, from
 * DevStack's own code (the structure section) and from the original category corpus. Prints accuracy per half and
 * the confusion (wrong label vs unknown, wrong fix-ups): these are measurements, reported as they are. Sets C, D, E, F,
 * H, I and J were collected after the rules they are scored with were written and are never tuned for: they are printed
 * per set and must show no wrong fix-up. With the whole rule book every A/B log must get its category (a regression guard,
 * not a held-out score).
 */
class HeldOutAccuracyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Score(int right, int unknown, List<String> wrong, List<String> wrongFixups, List<String> sureButWrong,
                 int total) {
    }

    static Score score(String half) throws Exception {
        RuleBook book;
        try (InputStream rules = RuleBook.class.getResourceAsStream(RuleBook.BUILTIN)) {
            book = RuleBook.load(List.of(rules), List.of(RuleBook.BUILTIN), half);
        }
        Diagnoser diagnoser = new Diagnoser(book);
        int right = 0;
        int unknown = 0;
        int total = 0;
        List<String> wrong = new ArrayList<>();
        List<String> wrongFixups = new ArrayList<>();
        List<String> sureButWrong = new ArrayList<>();
        for (JsonNode c : cases()) {
            if (!half.equals(c.get("half").asText())) { // the other half, or no half at all
                continue;
            }
            total++;
            String file = c.get("file").asText();
            String expected = c.get("category").asText();
            Diagnosis d;
            try (InputStream in = HeldOutAccuracyTest.class.getResourceAsStream("/logs/" + file)) {
                d = diagnoser.diagnose(in);
            }
            if (expected.equals(d.category())) {
                right++;
            } else if (Vocabulary.UNKNOWN.equals(d.category())) {
                unknown++;
            } else {
                wrong.add(file + " -> " + d.category() + " (" + d.confidence() + ", expected " + expected + ")");
                if ("high".equals(d.confidence())) {
                    sureButWrong.add(file);
                }
                if (!d.fixups().isEmpty()) {
                    wrongFixups.add(file + " -> " + d.fixups());
                }
            }
        }
        return new Score(right, unknown, wrong, wrongFixups, sureButWrong, total);
    }

    static List<JsonNode> cases() throws Exception {
        try (InputStream in = HeldOutAccuracyTest.class.getResourceAsStream("/logs/public/cases.json")) {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).forEach(out::add);
            return out;
        }
    }

    /** Sets collected after the rules they were first scored with; measured, not used for rules (see {@link #ABOUT}). */
    static final List<String> UNSEEN = List.of("C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N");
    // Map.of stops at ten pairs; sets M and N are the eleventh and twelfth
    static final Map<String, String> ABOUT = Map.ofEntries(
            Map.entry("C", "collected after the round-2 rules, never tuned for"),
            Map.entry("D", "collected in round 3 and scored untouched first; its misses were then looked at by family"),
            Map.entry("E", "collected after the round-3 changes, never tuned for"),
            Map.entry("F", "collected in round 4 and scored untouched first; its misses were then looked at by family"),
            Map.entry("G", "collected in round 5 and scored untouched first; its misses were then looked at by family"),
            Map.entry("H", "collected in round 5 apart from set G's rule-writing and scored against it first; its misses were then looked at by family (rounds 5 and 6)"),
            Map.entry("I", "collected in round 6 sealed from rule-writing and scored untouched first (10 of 20); its misses were"
                    + " then looked at by family (round 7)"),
            Map.entry("J", "collected in round 7 sealed from rule-writing and scored first against the round-7 rules (10 of 21);"
                    + " its misses were then looked at by family (round 8)"),
            Map.entry("K", "collected in round 8 sealed from rule-writing and scored first against the round-7 rules (10 of 22)"
                    + " and the round-8 rules (11 of 22); its misses were then looked at by family (round 9)"),
            Map.entry("L", "collected in round 9 sealed from rule-writing and scored first against the round-8 rules (13 of 18)"
                    + " and the round-9 rules (12 of 18); its misses were then looked at by family (round 10)"),
            Map.entry("M", "collected in round 10, sealed from rule-writing"),
            Map.entry("N", "collected in round 11, sealed from rule-writing"));

    @Test
    void eachHalfIsScoredWithoutTheRulesWrittenFromIt() throws Exception {
        Map<String, Score> scores = new TreeMap<>();
        for (String half : List.of("A", "B")) {
            scores.put(half, score(half));
        }
        int right = 0;
        int total = 0;
        for (Map.Entry<String, Score> e : scores.entrySet()) {
            Score s = e.getValue();
            right += s.right();
            total += s.total();
            System.out.printf("held-out half %s: %d of %d right (%.0f %%), %d unknown, %d wrong label%n", e.getKey(),
                    s.right(), s.total(), 100.0 * s.right() / s.total(), s.unknown(), s.wrong().size());
            s.wrong().forEach(w -> System.out.println("  wrong: " + w));
        }
        System.out.printf("held-out total: %d of %d (%.0f %%)%n", right, total, 100.0 * right / total);
        for (String set : UNSEEN) {
            Score fresh = score(set);
            if (fresh.total() == 0) {
                continue;
            }
            System.out.printf("unseen set %s (%s): %d of %d right (%.0f %%), %d unknown, %d wrong label, wrong fix-ups"
                    + " %s%n", set, ABOUT.get(set), fresh.right(),
                    fresh.total(), 100.0 * fresh.right() / fresh.total(), fresh.unknown(), fresh.wrong().size(),
                    fresh.wrongFixups());
            fresh.wrong().forEach(w -> System.out.println("  wrong: " + w));
            scores.put(set, fresh);
        }
        for (Map.Entry<String, Score> e : scores.entrySet()) {
            Score s = e.getValue();
            System.out.println("  set " + e.getKey() + " wrong fix-ups offered: " + s.wrongFixups());
            assertThat(s.right() + s.unknown() + s.wrong().size()).isEqualTo(s.total());
            // a fix-up follows only a clear call: on a log no rule was written from, a wrong one must never be offered
            assertThat(s.wrongFixups()).as("set " + e.getKey()).isEmpty();
        }
        assertThat(scores.get("A").total()).isGreaterThanOrEqualTo(8);
        assertThat(scores.get("B").total()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theWholeRuleBookGetsEveryPublicLogRightWithNoWrongFixup() throws Exception {
        Score all = score("none");
        Score a = score("A");
        assertThat(a.total()).isPositive();
        int right = 0;
        for (JsonNode c : cases()) {
            if (UNSEEN.contains(c.get("half").asText())) {
                right++; // the unseen sets are measured, never tuned for
                continue;
            }
            Diagnosis d;
            try (InputStream in = HeldOutAccuracyTest.class.getResourceAsStream("/logs/" + c.get("file").asText())) {
                d = Diagnoser.builtin().diagnose(in);
            }
            assertThat(d.category()).as(c.get("file").asText() + ": " + d.toText()).isEqualTo(c.get("category").asText());
            right++;
        }
        assertThat(right).isEqualTo(cases().size());
        assertThat(all.total()).isZero(); // "none" is no half: the loader keeps every rule, the scorer no case
    }

    @Test
    void everyCaseNamesItsPublicSourceAndAHalf() throws Exception {
        for (JsonNode c : cases()) {
            assertThat(c.get("source").asText()).as(c.toString()).contains("https://");
            // a half is A or B (cross-validated) or one of the sets scored unseen: a new set needs an ABOUT entry
            assertThat(c.get("half").asText()).isIn(Stream.concat(Stream.of("A", "B"), UNSEEN.stream()).toList());
            assertThat(Vocabulary.CATEGORIES).contains(c.get("category").asText());
        }
    }

    /** A provisioning tool relaying stack.sh (Vagrant, Puppet, Fabric) must not change the diagnosis of any log. */
    @Test
    void aLogRelayedByAProvisioningToolGetsTheSameDiagnosis() throws Exception {
        for (String prefix : List.of("==> default: ", "Notice: /Stage[main]/Devstack/Exec[stack.sh]/returns: ",
                "[10.0.0.5] out: ")) {
            everyCaseRelayedGetsItsPlainDiagnosis(prefix, lines -> {
                StringBuilder wrapped = new StringBuilder();
                for (String line : lines) {
                    wrapped.append(prefix).append(line).append('\n');
                }
                return wrapped.toString();
            });
        }
    }

    /**
     * stack.sh run by an Ansible task whose result Zuul prints pretty (stdout_lines, one JSON string per line) must
     * get the diagnosis of the plain log.
     */
    @Test
    void aLogPrintedAsAnsibleStdoutLinesGetsTheSameDiagnosis() throws Exception {
        String zuul = "2021-02-09 07:28:24.296 | ubuntu-focal | ";
        everyCaseRelayedGetsItsPlainDiagnosis("stdout_lines ", lines -> {
            StringBuilder wrapped = new StringBuilder(zuul + "{\n" + zuul + "    \"stdout_lines\": [\n");
            for (String line : lines) {
                wrapped.append(zuul).append("        \"").append(jsonEscaped(line)).append("\",\n");
            }
            return wrapped.append(zuul).append("    ]\n").append(zuul).append("}\n").toString();
        });
    }

    /** Every public log, relayed as {@code relay} prints its lines, gets the category and fix-ups of the plain log. */
    private static void everyCaseRelayedGetsItsPlainDiagnosis(String label,
            java.util.function.Function<String[], String> relay) throws Exception {
        for (JsonNode c : cases()) {
            String file = c.get("file").asText();
            byte[] plain;
            try (InputStream in = HeldOutAccuracyTest.class.getResourceAsStream("/logs/" + file)) {
                plain = in.readAllBytes();
            }
            Diagnosis expected = Diagnoser.builtin().diagnose(new java.io.ByteArrayInputStream(plain));
            String relayed = relay.apply(new String(plain, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1));
            Diagnosis d = Diagnoser.builtin().diagnose(new java.io.ByteArrayInputStream(
                    relayed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(d.category()).as(label + file + ": " + d.toText()).isEqualTo(expected.category());
            assertThat(d.fixups()).as(label + file).isEqualTo(expected.fixups());
        }
    }

    /** As Python's json.dumps writes a string body (ensure_ascii, Ansible's default). */
    private static String jsonEscaped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
