package io.provisioner.spec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the file holds, loading ends in a Spec or a SpecException with located problems, never a crash. */
class SpecLoaderRobustnessPropertyTest {
    private static final String BASE;

    static {
        try {
            BASE = Files.readString(Path.of("config/two-node-lab.yaml"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<String> mangledSpecs() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, BASE.length() - 1);
        Arbitrary<String> insert = Arbitraries.of("", "\t", ":", "- ", "[", "]", "{", "}", "\"", "'", "~", "&a ", "*a",
                "\n  ", "!!binary ", "0x", "70000", "null", "-", "#", "? ", "|\n");
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 12);
        return net.jqwik.api.Combinators.combine(at, insert, cut).as((i, s, n) ->
                BASE.substring(0, i) + s + BASE.substring(Math.min(BASE.length(), i + n)));
    }

    @Property(tries = 400)
    void loadingNeverCrashes(@ForAll("mangledSpecs") String text) throws Exception {
        Path f = Files.createTempFile("spec", ".yaml");
        try {
            Files.writeString(f, text);
            try {
                assertThat(SpecLoader.load(f, Map.of()).hosts()).isNotEmpty();
            } catch (SpecException e) {
                assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                    assertThat(p.line()).isPositive();
                    assertThat(p.column()).isPositive();
                    assertThat(p.message()).contains(";");
                });
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
