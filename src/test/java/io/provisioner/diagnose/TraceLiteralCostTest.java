package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a rule costs on a long log: an xtrace line (often most of a stack.sh log) is decoded and matched only when it
 * holds one of the literals of the patterns tried on xtrace lines (facts, in_trace rules, the reader's markers). A
 * rule whose only literal is a common word makes every such line a regex run: round 6's safe-directory rule, whose
 * traced-line pattern had the one literal " install", passed every apt and pip install line and made diagnose of the
 * 400 MB benchmark log 15 times slower, while every accuracy test stayed green. Ordinary DevStack trace lines,
 * those of the benchmark's log, must stay irrelevant.
 */
class TraceLiteralCostTest {
    @Test
    void ordinaryXtraceLinesHoldNoTraceLiteral() {
        RuleBook book = RuleBook.builtin();
        int trace = 0;
        int relevant = 0;
        try (GeneratedLog.Lines lines = new GeneratedLog(2_000_000, 7).lines()) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                int bar = line.indexOf(" | ");
                String body = bar >= 0 ? line.substring(line.lastIndexOf(" | ") + 3) : line;
                if (!body.startsWith("+") || body.contains("exit_trap")) {
                    continue;
                }
                trace++;
                byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
                if (book.traceRelevance.anyIn(bytes, 0, bytes.length)) {
                    relevant++;
                }
            }
        }
        assertThat(trace).as("xtrace lines in the generated log").isGreaterThan(1000);
        assertThat(relevant).as("of %d ordinary xtrace lines, those a trace literal makes relevant", trace)
                .isLessThanOrEqualTo(trace / 100);
    }
}
