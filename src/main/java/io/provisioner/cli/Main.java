package io.provisioner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;

/** Entry point. {@link #run} is what tests call in-process; {@link #main} only adds System.exit. */
@Command(name = "provisioner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Stands up OpenStack DevStack on lab hosts over SSH and gets it healthy.",
        subcommands = {ValidateCommand.class, RenderCommand.class, PlanCommand.class, PreflightCommand.class,
                DeployCommand.class, StatusCommand.class, UnstackCommand.class, FixupCommand.class,
                ProbeCommand.class, DiagnoseCommand.class, SchemaCommand.class, ServeCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler(Main::onBadArguments);
        cl.setExecutionExceptionHandler(Main::onCrash);
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage() + "; see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                + " --help'");
        return ExitCodes.BAD_INPUT;
    }

    /** The last line of defence: one line, never a stack trace (unless --verbose asked for it). */
    private static int onCrash(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof UserError u) {
            err.println("error: " + u.getMessage());
            return u.exitCode();
        }
        err.println("error: internal failure: " + e);
        if (parsed != null && parsed.hasMatchedOption("--verbose")) {
            e.printStackTrace(err);
        }
        return ExitCodes.FAILED;
    }
}
