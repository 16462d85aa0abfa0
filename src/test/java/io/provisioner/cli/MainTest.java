package io.provisioner.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

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

    @Test
    void onlyTheCommandThatRunsIsBuilt() {
        assertThat(Main.commandsNeeded("validate", "-f", "lab.yaml")).containsExactly("validate");
        assertThat(Main.commandsNeeded("--version")).isEmpty();
        assertThat(Main.commandsNeeded("-V")).isEmpty();
    }

    @Test
    void helpABareCallAndAnUnknownCommandGetEveryCommand() {
        assertThat(Main.commandsNeeded()).isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsNeeded("--help")).isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsNeeded("--help", "validate")).isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsNeeded("valdate")).isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsNeeded("@args.txt")).isEqualTo(Main.COMMANDS);
    }

    @Test
    void everyListedNameBuildsTheCommandOfThatName() {
        for (String name : Main.COMMANDS) {
            assertThat(Main.command(name).getClass().getAnnotation(Command.class).name()).isEqualTo(name);
        }
    }

    @Test
    void versionAloneStillPrintsTheVersion() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out), new PrintStream(new ByteArrayOutputStream()), "--version");
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("provisioner ");
    }
}
