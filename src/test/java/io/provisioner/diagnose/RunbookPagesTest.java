package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed docs/runbooks pages are exactly what {@link RunbookWriter} makes from the rule data. After changing
 * rules.yaml, run this test with -Drunbooks.write=true to rewrite the pages, then commit them.
 */
class RunbookPagesTest {
    private static final Path DIR = Path.of(Runbooks.DIR);

    @Test
    void committedPagesMatchTheRuleData() throws Exception {
        Map<String, String> pages = RunbookWriter.pages(RuleBook.builtin());
        if (Boolean.getBoolean("runbooks.write")) {
            Files.createDirectories(DIR);
            for (Map.Entry<String, String> e : pages.entrySet()) {
                Files.writeString(DIR.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        for (Map.Entry<String, String> e : pages.entrySet()) {
            Path file = DIR.resolve(e.getKey());
            assertThat(file).as(file + " missing: run RunbookPagesTest with -Drunbooks.write=true").exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file + " drifted from rules.yaml: rerun with"
                    + " -Drunbooks.write=true").isEqualTo(e.getValue());
        }
        try (var listed = Files.list(DIR)) {
            assertThat(listed.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(pages.keySet());
        }
    }

    @Test
    void everyCategoryPageSaysWhatTheLogShowsWhatTheToolDoesByHandAndHowToVerify() {
        Map<String, String> pages = RunbookWriter.pages(RuleBook.builtin());
        for (String category : Vocabulary.CATEGORIES) {
            assertThat(pages.get(category + ".md")).contains("## What the log shows", "## What the tool does",
                    "## By hand, when the tool cannot", "## How to verify").doesNotContain("${");
        }
        assertThat(pages.get("mysql-root-access-denied.md")).contains("`mysql-root-password`", "ERROR 1045");
    }

    @Test
    void diagnoseNamesAPageThatExists() throws Exception {
        Diagnosis d = CategoryLogsTest.diagnose("mysql-root-access-denied/seed-round4-mysql-1045.log");
        assertThat(d.runbook()).isEqualTo("docs/runbooks/mysql-root-access-denied.md");
        assertThat(Path.of(d.runbook())).exists();
        assertThat(d.toText()).contains("Runbook: docs/runbooks/mysql-root-access-denied.md");
    }
}
