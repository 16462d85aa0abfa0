package io.provisioner.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @Test
    void unknownOptionIsBadInputWithOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out), new PrintStream(err), "--no-such-option");
        assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).startsWith("error: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void helpListsEveryCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out), new PrintStream(new ByteArrayOutputStream()), "--help");
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("validate", "render", "plan", "preflight", "deploy",
                "status", "unstack", "fixup", "probe", "diagnose", "schema");
    }
}
