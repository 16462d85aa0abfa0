package io.provisioner.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    private static InProcessRun run(String... args) {
        return InProcessRun.of(args);
    }

    @Test
    void unknownOptionIsBadInputWithOneLine() {
        InProcessRun r = run("--no-such-option");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void helpListsEveryCommand() {
        InProcessRun r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("validate", "render", "plan", "preflight", "deploy", "status", "history", "unstack",
                "fixup", "probe", "diagnose", "schema", "completion", "man");
    }

    @Test
    void bareProvisionerIsAUsageErrorOnStderr() {
        InProcessRun r = run();
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: missing a command").contains("Usage: provisioner", "deploy");
    }

    @Test
    void aMistypedCommandGetsADidYouMean() {
        InProcessRun r = run("deplyo", "--sandbox");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: 'deplyo' is not a command; did you mean 'deploy'? see 'provisioner --help'"
                + System.lineSeparator());
    }

    @Test
    void aMistypedOptionGetsADidYouMean() {
        InProcessRun r = run("probe", "tcp://127.0.0.1:1", "--timout", "1s");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("did you mean '--timeout'?").doesNotContain("\tat ");
    }

    @Test
    void aSpecGivenAsAWordIsShownWithItsOption() {
        InProcessRun r = run("validate", "lab.yaml");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: the spec is an option, not a word: 'provisioner validate -f lab.yaml'"
                + System.lineSeparator());
    }

    @Test
    void anUnknownShortOptionIsNamedRatherThanTheRequiredOptionItMeant() {
        InProcessRun r = run("render", "-f", "lab.yaml", "-o", "out");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: Unknown option: '-o'; did you mean '--out'? see 'provisioner render --help'"
                + System.lineSeparator());
    }

    @Test
    void aShortOptionWithItsValueAttachedIsNotTakenForAnUnknownOne() {
        InProcessRun r = run("render", "-flab.yaml");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: Missing required option: '--out=DIR'");
    }

    @Test
    void anUnknownOptionBesideAMissingSpecIsNamedFirst() {
        InProcessRun r = run("validate", "--spec=lab.yaml");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: Unknown option: '--spec'; see 'provisioner validate --help'");
    }

    @Test
    void aMissingSpecWithoutAYamlWordKeepsPicocliSMessage() {
        InProcessRun r = run("plan", "--format", "json");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: Missing required option: '--file=SPEC'");
    }

    /** A subcommand with the shared --verbose mixin that fails the way a bug would. */
    @Command(name = "crash")
    static final class CrashCommand implements Callable<Integer> {
        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() {
            throw new IllegalStateException("a bug");
        }
    }

    private static InProcessRun crash(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new Main()).addSubcommand("crash", new CrashCommand());
        int code = Main.configure(cl, new PrintStream(out, true), new PrintStream(err, true)).execute(args);
        return new InProcessRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anInternalFailureIsOneLineAndVerbosePrintsItsStackTrace() {
        InProcessRun quiet = crash("crash");
        assertThat(quiet.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(quiet.err()).isEqualTo("error: internal failure: java.lang.IllegalStateException: a bug "
                + "(--verbose prints the stack trace)" + System.lineSeparator());

        InProcessRun verbose = crash("crash", "--verbose");
        assertThat(verbose.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(verbose.err()).startsWith("error: internal failure: java.lang.IllegalStateException: a bug")
                .contains("\tat io.provisioner.cli.MainTest$CrashCommand.call");
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
