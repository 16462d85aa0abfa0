package io.provisioner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Entry point. {@link #run} is what tests call in-process; {@link #main} only adds System.exit. */
@Command(name = "provisioner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Stands up OpenStack DevStack on lab hosts over SSH and gets it healthy.",
        subcommands = {ValidateCommand.class, RenderCommand.class, PlanCommand.class, PreflightCommand.class,
                DeployCommand.class, StatusCommand.class, HistoryCommand.class, UnstackCommand.class,
                FixupCommand.class, ProbeCommand.class, DiagnoseCommand.class, SchemaCommand.class,
                CompletionCommand.class, ManCommand.class, ServeCommand.class})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        return configure(new CommandLine(new Main()), out, err).execute(args);
    }

    /** The streams, the help width and the two handlers every run uses (tests add commands to it). */
    static CommandLine configure(CommandLine cl, PrintStream out, PrintStream err) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setUsageHelpAutoWidth(true);
        cl.setParameterExceptionHandler(Main::onBadArguments);
        cl.setExecutionExceptionHandler(Main::onCrash);
        return cl;
    }

    /** A bare {@code provisioner} is a usage error (picocli's convention): the usage on stderr, exit 2. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: missing a command; see the list below");
        spec.commandLine().usage(err);
        return ExitCodes.BAD_INPUT;
    }

    private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String help = "see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'";
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
                && !e.getCommandLine().getSubcommands().isEmpty() && unmatched.getUnmatched().size() > 0) {
            String word = unmatched.getUnmatched().get(0);
            List<String> close = unmatched.getSuggestions();
            err.println("error: '" + word + "' is not a command"
                    + (close.isEmpty() ? "" : "; did you mean '" + close.get(0) + "'?") + " " + help);
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && unmatched.isUnknownOption()
                && !unmatched.getSuggestions().isEmpty()) {
            err.println("error: " + e.getMessage() + "; did you mean '" + unmatched.getSuggestions().get(0) + "'? " + help);
            return ExitCodes.BAD_INPUT;
        }
        err.println("error: " + e.getMessage() + "; " + help);
        return ExitCodes.BAD_INPUT;
    }

    /** The last line of defence: one line, never a stack trace (unless --verbose asked for it). */
    private static int onCrash(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof UserError u) {
            err.println("error: " + u.getMessage());
            return u.exitCode();
        }
        boolean verbose = verbose(parsed);
        boolean canAsk = cl.getCommandSpec().findOption("--verbose") != null;
        err.println("error: internal failure: " + e + (verbose || !canAsk ? "" : " (--verbose prints the stack trace)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        return ExitCodes.FAILED;
    }

    /** Whether {@code --verbose} was given to the command that ran (the option lives on subcommands, not here). */
    static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
