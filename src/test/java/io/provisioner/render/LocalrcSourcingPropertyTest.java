package io.provisioner.render;

import io.provisioner.spec.LocalrcValue;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecException;
import io.provisioner.spec.SpecLoader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every localrc value the loader accepts, rendered into local.conf and sourced by real bash the way
 * stackrc sources the localrc section, reads back as written (references to unset variables expand to
 * nothing, as in bash). Values the loader refuses must be refused for a stated rule.
 */
class LocalrcSourcingPropertyTest {
    @Provide
    Arbitrary<String> hostileText() {
        return Arbitraries.strings().withChars("$ {}ABX_'\"\\`()!*?~#;&|<>=é\t\n\r[]%").ofMaxLength(24);
    }

    @Property(tries = 150)
    void acceptedValuesReadBackUnchanged(@ForAll("hostileText") String value) throws Exception {
        Path dir = Files.createTempDirectory("localrc-prop");
        try {
            Spec spec;
            try {
                spec = SpecLoader.load(specWith(dir, value), Map.of());
            } catch (SpecException e) {
                boolean lineBreak = value.contains("\n") || value.contains("\r");
                assertThat(lineBreak || LocalrcValue.problem(value) != null)
                        .as("refused without a rule: %s -> %s", value, e.problems()).isTrue();
                return;
            }
            String localConf = HostRenderer.withDefaultTemplates().render(spec, spec.hosts().get(0), "https://g.example")
                    .localConf();
            String expected = LocalrcValue.REFERENCE.matcher(value).replaceAll("");
            assertThat(sourceAndRead(dir, localConf, "X")).isEqualTo(expected);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Example
    void hostileValuesAreRenderedInert() throws Exception {
        Path dir = Files.createTempDirectory("localrc-inert");
        Path marker = dir.resolve("pwned");
        for (String value : List.of("'; touch " + marker + " #", "\"; touch " + marker + "; \"", "$HOME'\"\\",
                "a & touch " + marker, "${X} ; touch " + marker)) {
            Spec spec = SpecLoader.load(specWith(dir, value), Map.of());
            String localConf = HostRenderer.withDefaultTemplates().render(spec, spec.hosts().get(0), "https://g").localConf();
            assertThat(sourceAndRead(dir, localConf, "X")).isEqualTo(LocalrcValue.REFERENCE.matcher(value).replaceAll(""));
        }
        assertThat(marker).doesNotExist();
    }

    @Example
    void commandSubstitutionAndLineBreaksAreRefused() throws Exception {
        Path dir = Files.createTempDirectory("localrc-refused");
        for (String value : List.of("$(touch /tmp/x)", "`id`", "a\nb", "${X:-default}")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpecLoader.load(specWith(dir, value), Map.of()))
                    .isInstanceOf(SpecException.class);
        }
    }

    private static Path specWith(Path dir, String value) throws IOException {
        Path f = dir.resolve("spec.yaml");
        Files.writeString(f, "version: 1\nhosts:\n  - name: h\n    address: 10.0.0.1\n"
                + "    passwords: {admin: a1, database: d1, rabbit: r1, service: s1}\n"
                + "    localrc:\n      X: " + yamlQuoted(value) + "\n");
        return f;
    }

    /** YAML double-quoted, every character outside [A-Za-z0-9] as an escape, so the generator is not limited by YAML. */
    private static String yamlQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c < 128 && Character.isLetterOrDigit(c)) {
                sb.appendCodePoint(c);
            } else if (c > 0xFFFF) {
                sb.append(String.format("\\U%08X", c));
            } else {
                sb.append(String.format("\\u%04X", c));
            }
        });
        return sb.append('"').toString();
    }

    /** Sources the [[local|localrc]] section as stackrc does (bash, nothing inherited) and prints one variable. */
    static String sourceAndRead(Path dir, String localConf, String variable) throws Exception {
        StringBuilder section = new StringBuilder();
        boolean in = false;
        for (String line : localConf.split("\n", -1)) {
            if (line.startsWith("[[")) {
                in = line.equals("[[local|localrc]]");
                continue;
            }
            if (in) {
                section.append(line).append('\n');
            }
        }
        Path file = dir.resolve("localrc.auto");
        Files.writeString(file, section.toString());
        Process p = new ProcessBuilder("env", "-i", "/bin/bash", "-c", "source \"$1\" && printf %s \"$" + variable + "\"",
                "bash", file.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("bash output: %s", new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
