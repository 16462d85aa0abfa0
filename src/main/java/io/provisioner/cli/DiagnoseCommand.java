package io.provisioner.cli;

import io.provisioner.diagnose.Diagnoser;
import io.provisioner.diagnose.Diagnosis;
import io.provisioner.diagnose.LogOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code provisioner diagnose LOG|- [--format text|json]}: names the failure in a stack.sh log and its fix-ups. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Reads a stack.sh log (a file, or - for stdin) and says what failed, where, why and which"
                + " fix-ups apply, how sure it is (confidence, next-best category) and the runbook page. Exit 0 whenever a"
                + " diagnosis was produced; 2 when the log cannot be read or is not a stack.sh log (empty, binary,"
                + " no DevStack line).")
public final class DiagnoseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LOG|-", description = "stack.sh log file, or - to read standard input")
    String log;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--verbose", description = "show internal details on unexpected errors")
    boolean verbose;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * The command as picocli would set it from {@code diagnose LOG} or {@code diagnose LOG --format F} (either
     * order), or null for any other arguments: help, --verbose, "-", {@code --format=F}, an @file, a missing or
     * extra word. Those go through picocli as before. Why at all: picocli's reading of the command annotations
     * (its converters, an annotation proxy per option) is about a third of a two-line log's diagnose.
     */
    static DiagnoseCommand fromPlainArguments(String... args) {
        if (args.length != 2 && args.length != 4 || !args[0].equals("diagnose")) {
            return null;
        }
        DiagnoseCommand command = new DiagnoseCommand();
        command.format = "text";
        boolean formatGiven = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--format") && !formatGiven && i + 1 < args.length && plainWord(args[i + 1])) {
                command.format = args[++i];
                formatGiven = true;
            } else if (command.log == null && plainWord(args[i])) {
                command.log = args[i];
            } else {
                return null;
            }
        }
        return command.log == null ? null : command;
    }

    /** A word picocli takes as it is: no option (nor "-"), no @file to expand. */
    private static boolean plainWord(String arg) {
        return !arg.isEmpty() && !arg.startsWith("-") && !arg.startsWith("@");
    }

    /** Diagnoses the log; a {@link UserError} for bad input, as from {@link #call}. */
    int run(PrintWriter out, PrintWriter err) {
        if (!format.equals("text") && !format.equals("json")) {
            throw new UserError(ExitCodes.BAD_INPUT, "--format: '" + format + "' is not one of text, json");
        }
        Diagnosis diagnosis;
        if ("-".equals(log)) {
            diagnosis = Diagnoser.builtin().diagnose(System.in);
        } else {
            Path path = Path.of(log);
            if (!Files.exists(path) || Files.isDirectory(path) || !Files.isReadable(path)) {
                throw new UserError(ExitCodes.BAD_INPUT, log + ": " + (Files.exists(path)
                        ? (Files.isDirectory(path) ? "is a directory, not a log file" : "cannot be read (permission)")
                        : "no such file") + "; give the path of a stack.sh log or - for stdin");
            }
            try {
                diagnosis = Diagnoser.builtin().diagnose(path);
            } catch (IOException e) {
                throw new UserError(ExitCodes.BAD_INPUT, log + ": cannot be read: " + e.getMessage());
            }
        }
        if (diagnosis.outcome() == LogOutcome.NOT_A_LOG) {
            if (format.equals("json")) {
                out.print(diagnosis.toJson() + System.lineSeparator());
                out.flush();
            }
            err.println(("-".equals(log) ? "stdin" : log) + ": not a stack.sh log: " + diagnosis.summary());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        out.print(format.equals("json") ? diagnosis.toJson() + System.lineSeparator() : diagnosis.toText());
        out.flush();
        return ExitCodes.OK;
    }
}
