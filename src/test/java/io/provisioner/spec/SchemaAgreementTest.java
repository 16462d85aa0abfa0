package io.provisioner.spec;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The published schema and the loader judge the same files the same way. {@code loader-only/} lists, on
 * purpose, the rules a JSON Schema cannot state (cross-host rules, merging, cycles, secrets, duplicate
 * keys Jackson's YAML reader lets through): the loader refuses them and the schema accepts them.
 */
class SchemaAgreementTest {
    private static final Path DIR = Path.of("src/test/resources/spec/agreement");
    private static final Map<String, String> ENV = Map.of("ADMIN_PW", "fromenv1", "HOME", "/home/tester");
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        schema = registry.getSchema(Files.readString(Path.of("config/schema/hosts.schema.json")), InputFormat.JSON);
    }

    static Stream<Path> good() throws IOException {
        return Stream.concat(files("good"), Stream.of(Path.of("config/article-lab.yaml"), Path.of("config/two-node-lab.yaml")));
    }

    static Stream<Path> bad() throws IOException {
        return files("bad");
    }

    static Stream<Path> loaderOnly() throws IOException {
        return files("loader-only");
    }

    private static Stream<Path> files(String sub) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(DIR.resolve(sub))) {
            all = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(all).isNotEmpty();
        return all.stream();
    }

    private static List<String> schemaErrors(Path file) throws IOException {
        try {
            return schema.validate(Files.readString(file), InputFormat.YAML).stream().map(Error::toString).toList();
        } catch (RuntimeException e) {
            return List.of("not parseable: " + e.getMessage()); // YAML syntax errors: the schema side refuses too
        }
    }

    @ParameterizedTest
    @MethodSource("good")
    void bothAcceptGoodSpec(Path file) throws IOException {
        assertThat(schemaErrors(file)).isEmpty();
        assertThat(SpecLoader.load(file, ENV).hosts()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("bad")
    void bothRejectBadSpec(Path file) throws IOException {
        assertThat(schemaErrors(file)).isNotEmpty();
        assertThatThrownBy(() -> SpecLoader.load(file, ENV)).isInstanceOf(SpecException.class);
    }

    @ParameterizedTest
    @MethodSource("loaderOnly")
    void loaderRejectsWhatTheSchemaCannotExpress(Path file) throws IOException {
        assertThat(schemaErrors(file)).isEmpty();
        assertThatThrownBy(() -> SpecLoader.load(file, ENV)).isInstanceOf(SpecException.class);
    }
}
