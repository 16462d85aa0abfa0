package io.provisioner.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The completion script in a real bash, the man page through a real groff: both from the same annotations as --help. */
class CompletionAndManTest {
    @TempDir
    Path dir;

    private static String stdout(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream(), true), args);
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result exec(List<String> argv, Path input) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (input != null) {
            pb.redirectInput(input.toFile());
        }
        Path out = Files.createTempFile("exec", ".out");
        Path err = Files.createTempFile("exec", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(argv + " did not finish in 60 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** What bash offers after {@code line} (the word being typed is the last one), with the script sourced. */
    private Result complete(Path script, String... words) throws Exception {
        String array = String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String shell = "source " + script + "\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + String.join(" ", words) + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_provisioner\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        return exec(List.of("bash", "--norc", "-c", shell), null);
    }

    @Test
    void bashCompletesCommandsOptionsAndFaultNames() throws Exception {
        Path script = Files.writeString(dir.resolve("provisioner.bash"), stdout("completion"));
        Result commands = complete(script, "provisioner", "dep");
        assertThat(commands.err()).isEmpty();
        assertThat(commands.out().lines()).containsExactly("deploy");
        Result options = complete(script, "provisioner", "deploy", "--sandbox-h");
        assertThat(options.out().lines()).containsExactly("--sandbox-hosts");
        Result faults = complete(script, "provisioner", "deploy", "--faults", "pip");
        assertThat(faults.out().lines()).containsExactly("pip-distutils");
    }

    @Test
    void zshLoadsTheSameScriptThroughBashcompinit() {
        String script = stdout("completion");
        assertThat(script).contains("ZSH_VERSION", "bashcompinit", "complete -F _complete_provisioner");
    }

    @Test
    void theManPageIsValidRoffThatNamesEveryCommandAndOption() throws Exception {
        Path page = Files.writeString(dir.resolve("provisioner.1"), stdout("man"));
        Result warnings = exec(List.of("groff", "-man", "-Tutf8", "-ww", "-z"), page);
        assertThat(warnings.exit()).isZero();
        assertThat(warnings.err()).isEmpty();
        Result text = exec(List.of("groff", "-man", "-Tascii", "-P-cbou"), page);
        assertThat(text.out()).contains("provisioner deploy", "--sandbox-hosts=N", "provisioner history", "service-start",
                "(default: 4)", "EXIT STATUS");
    }
}
