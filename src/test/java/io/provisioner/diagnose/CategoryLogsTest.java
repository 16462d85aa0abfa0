package io.provisioner.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every log under src/test/resources/logs diagnoses to its folder's category, fix-ups, outcome and failed step. */
class CategoryLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<JsonNode> cases() throws Exception {
        try (InputStream in = CategoryLogsTest.class.getResourceAsStream("/logs/expected.json")) {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).forEach(out::add);
            return out.stream();
        }
    }

    static Diagnosis diagnose(String file) throws Exception {
        try (InputStream in = CategoryLogsTest.class.getResourceAsStream("/logs/" + file)) {
            assertThat(in).as(file).isNotNull();
            return Diagnoser.builtin().diagnose(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diagnosesLogToItsCategoryFixupsAndStep(JsonNode c) throws Exception {
        String file = c.get("file").asText();
        Diagnosis d = diagnose(file);
        assertThat(d.outcome().label()).as(file + " outcome; " + d.toText()).isEqualTo(c.get("outcome").asText());
        assertThat(d.category()).as(file + " category; " + d.toText())
                .isEqualTo(c.get("category").isNull() ? null : c.get("category").asText());
        List<String> fixups = new ArrayList<>();
        c.get("fixups").forEach(n -> fixups.add(n.asText()));
        assertThat(d.fixups()).as(file + " fixups").isEqualTo(fixups);
        JsonNode step = c.get("failed_step");
        if (step.isNull()) {
            assertThat(d.failedStep()).as(file + " failed step").isNull();
        } else {
            assertThat(d.failedStep()).as(file + " failed step").isNotNull();
            assertThat(d.failedStep().toString()).as(file + " failed step").isEqualTo(step.asText());
        }
        assertThat(d.summary()).as(file + " summary").isNotBlank().doesNotContain("${");
        if (d.outcome() != LogOutcome.SUCCEEDED) {
            assertThat(d.evidence()).as(file + " evidence").isNotEmpty();
        }
    }

    @Test
    void everyCategoryHasAtLeastThreeLogs() throws Exception {
        Map<String, Integer> perCategory = new HashMap<>();
        cases().forEach(c -> perCategory.merge(c.get("file").asText().split("/")[0], 1, Integer::sum));
        for (String category : Vocabulary.CATEGORIES) {
            assertThat(perCategory.getOrDefault(category, 0)).as(category).isGreaterThanOrEqualTo(3);
        }
    }
}
