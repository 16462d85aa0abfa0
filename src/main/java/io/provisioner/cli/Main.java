package io.provisioner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;

/** Entry point. {@link #run} is what tests call in-process; {@link #main} only adds System.exit. */
@Command(name = "provisioner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Stands up OpenStack DevStack on lab hosts over SSH and gets it healthy.")
public final class Main implements Runnable {
    /** The subcommands, in the order --help lists them; see {@link #command}. */
    static final List<String> COMMANDS = List.of("validate", "render", "plan", "preflight", "deploy", "status",
            "unstack", "fixup", "probe", "diagnose", "schema");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        for (String name : commandsNeeded(args)) {
            cl.addSubcommand(name, command(name));
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler(Main::onBadArguments);
        cl.setExecutionExceptionHandler(Main::onCrash);
        return cl.execute(args);
    }

    /**
     * Only the command that runs is built: picocli reads every registered command's annotations, and each
     * command's fields pull in its libraries (Jackson, SnakeYAML, JSch...). Help, a bare or unknown command
     * and errors get all of them; {@code --version} alone gets none.
     */
    static List<String> commandsNeeded(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return COMMANDS.contains(arg) ? List.of(arg) : COMMANDS;
            }
            if (!arg.equals("-V") && !arg.equals("--version")) {
                return COMMANDS;
            }
        }
        return args.length > 0 ? List.of() : COMMANDS;
    }

    static Object command(String name) {
        return switch (name) {
            case "validate" -> new ValidateCommand();
            case "render" -> new RenderCommand();
            case "plan" -> new PlanCommand();
            case "preflight" -> new PreflightCommand();
            case "deploy" -> new DeployCommand();
            case "status" -> new StatusCommand();
            case "unstack" -> new UnstackCommand();
            case "fixup" -> new FixupCommand();
            case "probe" -> new ProbeCommand();
            case "diagnose" -> new DiagnoseCommand();
            case "schema" -> new SchemaCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
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
