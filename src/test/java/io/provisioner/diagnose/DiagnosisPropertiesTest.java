package io.provisioner.diagnose;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Random and truncated input never crashes the reader or the diagnoser, and always yields a diagnosis. */
class DiagnosisPropertiesTest {
    private static final List<String> LOGS = List.of(
            "git-protocol-blocked/seed-round1-git-protocol.log",
            "proxy-no-proxy-missing/seed-round5-keystone-proxy-ovs-in-worlddump.log",
            "git-protocol-blocked/whole-connection-refused-colour.log",
            "success/whole-current-success.log",
            "directory-ownership-permission/whole-path-0700-2016.log");

    @Property(tries = 300)
    void randomTextNeverThrows(@ForAll @StringLength(max = 2000) String text) {
        Diagnosis d = Diagnoser.builtin().diagnose(new StringReader(text));
        assertThat(d.outcome()).isNotNull();
        assertThat(d.summary()).isNotBlank();
        assertThat(d.toJson()).startsWith("{");
        assertThat(d.toText()).isNotBlank();
    }

    @Property(tries = 200)
    void logLikeNoiseNeverThrows(@ForAll("logLines") List<String> lines) {
        Diagnosis d = Diagnoser.builtin().diagnose(new StringReader(String.join("\n", lines)));
        assertThat(d.category() == null)
                .isEqualTo(d.outcome() == LogOutcome.SUCCEEDED || d.outcome() == LogOutcome.NOT_A_LOG);
    }

    @Provide
    Arbitrary<List<String>> logLines() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("+", "++", "[Call Trace]", "[ERROR] ", "Error on exit", "World dumping... see ",
                        "DevStack Component Timing", "=========================", "stack.sh completed in ",
                        "*** FINISHED rc=", "2016-05-03 08:01:03.667 | ", "\u001b[", "\u0001", ":", "::", " ",
                        "functions-common:git_timed:", "ERROR 1045 (28000): Access denied for user '", "'@'",
                        "Could not get lock /", "Cannot uninstall '", "${x}", "This is your host IP address: "),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.integers().between(-5, 99999).map(String::valueOf));
        return piece.list().ofMaxSize(8).map(p -> String.join("", p)).list().ofMaxSize(60);
    }

    @Property(tries = 200)
    void truncatedRealLogsNeverThrow(@ForAll @IntRange(min = 0, max = 4) int which,
                                     @ForAll @IntRange(min = 0, max = 100_000) int cut) throws Exception {
        String log;
        try (InputStream in = getClass().getResourceAsStream("/logs/" + LOGS.get(which))) {
            log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String prefix = log.substring(0, Math.min(cut, log.length()));
        Diagnosis d = Diagnoser.builtin().diagnose(new StringReader(prefix));
        assertThat(d.outcome()).isNotNull();
        if (d.failedStep() != null) {
            assertThat(d.failedStep().line()).isNotNegative();
        }
    }
}
