package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    /**
     * The package step copies rules.bin beside the jar, where the CLI reads it without the jar's central directory:
     * only for a class path that is one jar, and only a copy no older than the jar (a jar rebuilt or replaced without
     * it uses its own resource).
     */
    @Test
    void theCopyBesideTheJarIsFoundOnlyForItsJarAndWhenNotOlder(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path jar = java.nio.file.Files.write(dir.resolve("provisioner.jar"), new byte[]{1});
        Path beside = dir.resolve("provisioner.rules.bin");
        assertThat(CompactRules.besideJar(jar.toString())).as("no copy").isNull();
        java.nio.file.Files.write(beside, new byte[]{2});
        java.nio.file.attribute.FileTime jarTime = java.nio.file.Files.getLastModifiedTime(jar);
        java.nio.file.Files.setLastModifiedTime(beside, jarTime);
        assertThat(CompactRules.besideJar(jar.toString())).isEqualTo(beside.toFile());
        assertThat(CompactRules.besideJar(jar + java.io.File.pathSeparator + dir.resolve("other.jar")))
                .as("a class path of two entries").isNull();
        assertThat(CompactRules.besideJar(dir.toString())).as("classes directory").isNull();
        assertThat(CompactRules.besideJar(null)).isNull();
        java.nio.file.Files.setLastModifiedTime(beside,
                java.nio.file.attribute.FileTime.fromMillis(jarTime.toMillis() - 2000));
        assertThat(CompactRules.besideJar(jar.toString())).as("older than the jar").isNull();
    }

    /** The copy is the classpath's rules.bin byte for byte, and the rule book is read from it when it is given. */
    @Test
    void theBuiltinRuleBookIsReadFromTheCopyBesideTheJar(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException, java.net.URISyntaxException {
        Path classes = Path.of(RuleBook.class.getResource(CompactRules.RESOURCE).toURI()).getParent().getParent()
                .getParent().getParent();
        Path jar = dir.resolve("provisioner.jar");
        CompactRules.main(new String[]{"--beside", classes.toString(), jar.toString()});
        byte[] copy = java.nio.file.Files.readAllBytes(dir.resolve("provisioner.rules.bin"));
        try (InputStream in = RuleBook.class.getResourceAsStream(CompactRules.RESOURCE)) {
            assertThat(copy).isEqualTo(in.readAllBytes());
        }
        assertThat(RuleBook.builtin(dir.resolve("provisioner.rules.bin").toFile()).allPatterns())
                .isEqualTo(RuleBook.builtin(null).allPatterns()).hasSizeGreaterThan(100);
        // a different file beside the jar is what the book is read from (not the classpath's resource)
        RuleFile one = RuleBook.parse(new ByteArrayInputStream(
                "rules: [{id: x/1, category: disk-full, any: ['No space left'], summary: s}]"
                        .getBytes(StandardCharsets.UTF_8)), "t.yaml");
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(dir.resolve("provisioner.rules.bin"))) {
            CompactRules.write(one, out);
        }
        assertThat(RuleBook.builtin(dir.resolve("provisioner.rules.bin").toFile()).rules())
                .extracting(Rule::id).containsExactly("x/1");
    }

    /**
     * The CLI compiles the derived file's rule and fact regexes only when a line first reaches them, so the build
     * step that derives it checks them all: a bad regex in rules.yaml fails it with the rule and the reason, as
     * loading the YAML does, and no rules.bin is written.
     */
    @Test
    void aBadRegexFailsTheDerivingStepAsItFailsTheYaml(@org.junit.jupiter.api.io.TempDir java.nio.file.Path classes)
            throws IOException {
        java.nio.file.Path yaml = classes.resolve(RuleBook.BUILTIN.substring(1));
        java.nio.file.Files.createDirectories(yaml.getParent());
        java.nio.file.Files.writeString(yaml, "rules: [{id: x/1, category: disk-full, any: ['No (space'], summary: s}]");
        assertThatThrownBy(() -> CompactRules.main(new String[]{classes.toString()}))
                .hasMessageContaining("rule x/1").hasMessageContaining("bad pattern");
        assertThat(classes.resolve(CompactRules.RESOURCE.substring(1))).doesNotExist();
        java.nio.file.Files.writeString(yaml, "rules: [{id: x/1, category: disk-full, any: ['No (space)'], summary: s}]");
        CompactRules.main(new String[]{classes.toString()});
        assertThat(classes.resolve(CompactRules.RESOURCE.substring(1))).exists();
    }

    /** The built-in rule book from the derived file compiles a regex when a line reaches it, and then it matches. */
    @Test
    void theDerivedRuleBookCompilesARegexOnFirstUse() {
        RuleBook derived = RuleBook.builtin();
        RuleBook.CompiledPattern first = derived.patterns.get(0);
        assertThat(first.regex()).isSameAs(first.regex());
        assertThat(first.regex().pattern()).isEqualTo(first.source());
        Diagnosis diagnosis = new Diagnoser(derived).diagnose(new java.io.StringReader(
                "+ lib/databases/mysql:configure_database_mysql:91 :   mysql -uroot -psecret -e 'select 1'\n"
                        + "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)\n"
                        + "+ functions-common:die:1 :   exit 1\nError on exit\n"));
        assertThat(diagnosis.category()).isEqualTo("mysql-root-access-denied");
        assertThat(diagnosis.facts()).containsEntry("db_user", "root");
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

    /**
     * The CLI builds its filters from the literals the build stored in rules.bin, not from LiteralExtractor: they must
     * be LiteralExtractor's on today's rules.yaml, one entry per regex the rule book asks about and no other.
     */
    @Test
    void theDerivedLiteralsAreTheExtractorsOnTheYaml() throws IOException {
        RuleFile yaml = yaml();
        CompactRules.Derived derived;
        try (InputStream in = RuleBook.class.getResourceAsStream(CompactRules.RESOURCE)) {
            derived = CompactRules.readDerived(in);
        }
        List<String> sources = CompactRules.literalSources(yaml);
        assertThat(derived.literals().keySet()).containsExactlyInAnyOrderElementsOf(new java.util.HashSet<>(sources));
        for (String source : sources) {
            assertThat(derived.literals().get(source)).as(source).isEqualTo(LiteralExtractor.literals(source));
        }
        // and the books built both ways hand the same literals to their filters, pattern by pattern
        RuleBook fromBin = RuleBook.builtin();
        RuleBook fromYaml = RuleBook.builtinYaml();
        assertThat(fromBin.patterns).hasSameSizeAs(fromYaml.patterns);
        for (int i = 0; i < fromBin.patterns.size(); i++) {
            assertThat(fromBin.patterns.get(i).literals()).as(fromBin.patterns.get(i).source())
                    .isEqualTo(fromYaml.patterns.get(i).literals());
        }
        assertThat(fromBin.literalOwner).isEqualTo(fromYaml.literalOwner);
        assertThat(fromBin.traceLiteralOwner).isEqualTo(fromYaml.traceLiteralOwner);
        assertThat(fromBin.unfiltered).isEqualTo(fromYaml.unfiltered);
        assertThat(sources).as("host-state output regexes are among them").anyMatch(s -> !derived.rules().facts()
                .contains(s) && derived.rules().rules().stream().noneMatch(e -> (e.any() != null && e.any().contains(s))
                || (e.all() != null && e.all().contains(s))));
    }

    /** A regex the derived file has no literals for (a rule book newer than it) still gets the extractor's. */
    @Test
    void aRegexWithoutStoredLiteralsIsExtracted() throws IOException {
        RuleFile file = RuleBook.parse(new ByteArrayInputStream(
                "rules: [{id: x/1, category: disk-full, any: ['No space left on device'], summary: s}]"
                        .getBytes(StandardCharsets.UTF_8)), "t.yaml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompactRules.write(file, out);
        CompactRules.Derived derived = CompactRules.readDerived(new ByteArrayInputStream(out.toByteArray()));
        assertThat(derived.literals()).containsEntry("No space left on device", List.of("No space left on device"));
        RuleBook book = RuleBook.compile(List.of(derived.rules()), List.of("t.yaml"), null, false,
                source -> derived.literals().getOrDefault(source, List.of("planted")));
        assertThat(book.patterns.get(0).literals()).containsExactly("No space left on device");
    }

    /**
     * The build stores, per relevance literal, the windows {@link RareWindows} chooses from the reference logs (the
     * corpus: ordinary DevStack runs and failures, not the benchmark's generator), so the CLI counts nothing.
     */
    @Test
    void theDerivedWindowsAreTheChoiceOnTheReferenceLogs() throws IOException {
        CompactRules.Derived derived;
        try (InputStream in = RuleBook.class.getResourceAsStream(CompactRules.RESOURCE)) {
            derived = CompactRules.readDerived(in);
        }
        Map<String, Integer> expected = RareWindows.choose(RuleBook.builtinYaml().relevanceLiterals,
                CompactRules.referenceLogs(Path.of("src/test/resources/logs")));
        assertThat(derived.firstWindows()).isNotEmpty().isEqualTo(expected);
        assertThat(derived.firstWindows().values()).as("some literal's windows are not its first").anyMatch(k -> k > 0);
    }

    @Test
    void theWindowsRoundTrip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Integer> windows = Map.of("Could not get lock", 5, "devstack@", 3);
        CompactRules.write(yaml(), windows, out);
        CompactRules.Derived back = CompactRules.readDerived(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.firstWindows()).isEqualTo(windows);
        assertThat(back.rules()).isEqualTo(yaml());
    }

    @Test
    void anotherLayoutIsRefused() {
        assertThatThrownBy(() -> CompactRules.read(new ByteArrayInputStream(new byte[]{0, 0, 0, 9})))
                .hasMessageContaining("version 9");
    }
}
