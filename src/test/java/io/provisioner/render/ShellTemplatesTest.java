package io.provisioner.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellTemplatesTest {
    @TempDir
    Path dir;

    @Test
    void shellQuotesInsteadOfHtmlEscaping() throws IOException {
        Files.writeString(dir.resolve("t.mustache"), "A={{v}}\nB=${HOST_IP}\n");
        String out = ShellTemplates.overriddenBy(dir).render("t.mustache", Map.of("v", "s3cr'et\"&<x>"));
        assertThat(out).isEqualTo("A='s3cr'\\''et\"&<x>'\nB=${HOST_IP}\n");
    }

    @Test
    void missingVariableNamesTemplateAndLine() throws IOException {
        Files.writeString(dir.resolve("t.mustache"), "A=1\nB={{v}}\nC={{nope}}\n");
        assertThatThrownBy(() -> ShellTemplates.overriddenBy(dir).render("t.mustache", Map.of("v", "x")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("t.mustache:3").hasMessageContaining("'nope'");
    }

    @Test
    void overrideDirectoryReplacesOnlyTheTemplatesItHas() throws IOException {
        Files.writeString(dir.resolve("stackrc.mustache"), "# mine {{host}}\n");
        ShellTemplates t = ShellTemplates.overriddenBy(dir);
        assertThat(t.render("stackrc.mustache", Map.of("host", "h1"))).isEqualTo("# mine h1\n");
        Map<String, Object> view = new java.util.HashMap<>(Map.of("host", "h1", "git_base", "https://g"));
        view.put("http_proxy", null); // present but unset: allowed, renders nothing
        view.put("https_proxy", null);
        view.put("no_proxy", null);
        assertThat(ShellTemplates.defaults().render("stackrc.mustache", view))
                .contains("export GIT_BASE=https://g").doesNotContain("proxy=");
    }

    @Test
    void refusesAMissingOverrideDirectory() {
        assertThatThrownBy(() -> ShellTemplates.overriddenBy(dir.resolve("absent"))).isInstanceOf(TemplateException.class)
                .hasMessageContaining("--templates");
    }
}
