package io.provisioner.diagnose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code diagnose --format json} is written with a bare generator (no ObjectMapper, for the CLI's start): its output is
 * byte for byte what the mapper's pretty writer made of the same object tree, for every shape of a diagnosis (nulls,
 * empty lists, text that must be escaped) and for every corpus log.
 */
class DiagnosisJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyShapeIsWrittenAsTheMapperWroteIt() throws Exception {
        List<Diagnosis> shapes = List.of(
                new Diagnosis(LogOutcome.FAILED, "mysql-root-access-denied", List.of("mysql-reset", "db-grant"),
                        List.of(new Evidence(5_116_969L, "ERROR 1045 (28000): Access denied for user 'root'@'localhost'"),
                                new Evidence(7, "quote \" backslash \\ tab \t cr \r bell \u0007 caf\u00e9 \u2603 </script>")),
                        new FailedStep("lib/databases/mysql", "configure_database_mysql", 88), "Summary \"quoted\".",
                        Map.of("k", "v"), "high", null, "docs/runbooks/mysql.md"),
                new Diagnosis(LogOutcome.INCOMPLETE, null, List.of(), List.of(), null, "Still running.", Map.of()),
                new Diagnosis(LogOutcome.FAILED, "unknown", List.of(), List.of(new Evidence(1, "")),
                        new FailedStep(null, "f", 0), "s", Map.of(), null, "network-proxy", null),
                new Diagnosis(LogOutcome.NOT_A_LOG, null, List.of(), List.of(), null, null, Map.of(), null, null, null));
        for (Diagnosis diagnosis : shapes) {
            assertThat(diagnosis.toJson()).isEqualTo(mapperJson(diagnosis));
        }
    }

    @Test
    void everyCorpusDiagnosisIsWrittenAsTheMapperWroteIt() throws Exception {
        int logs = 0;
        try (InputStream index = getClass().getResourceAsStream("/logs/expected.json")) {
            for (var entry : MAPPER.readTree(index)) {
                String name = entry.get("file").asText();
                try (InputStream log = getClass().getResourceAsStream("/logs/" + name)) {
                    if (log == null) {
                        continue;
                    }
                    Diagnosis diagnosis = Diagnoser.builtin().diagnose(log);
                    assertThat(diagnosis.toJson()).as(name).isEqualTo(mapperJson(diagnosis));
                    logs++;
                }
            }
        }
        assertThat(logs).as("corpus logs written").isGreaterThan(50);
    }

    /** What Diagnosis.toJson wrote before: an ObjectNode through the mapper's default pretty printer. */
    private static String mapperJson(Diagnosis d) throws Exception {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("outcome", d.outcome().label());
        if (d.category() == null) {
            node.putNull("category");
        } else {
            node.put("category", d.category());
        }
        ArrayNode fx = node.putArray("fixups");
        d.fixups().forEach(fx::add);
        ArrayNode ev = node.putArray("evidence");
        for (Evidence cited : d.evidence()) {
            ev.addObject().put("line", cited.line()).put("text", cited.text());
        }
        if (d.failedStep() == null) {
            node.putNull("failed_step");
        } else {
            node.putObject("failed_step").put("file", d.failedStep().file()).put("function", d.failedStep().function())
                    .put("line", d.failedStep().line());
        }
        node.put("summary", d.summary());
        if (d.confidence() != null) {
            node.put("confidence", d.confidence());
        }
        if (d.nextBest() != null) {
            node.put("next_best", d.nextBest());
        }
        if (d.runbook() != null) {
            node.put("runbook", d.runbook());
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
