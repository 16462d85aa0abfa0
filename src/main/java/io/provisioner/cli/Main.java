package io.provisioner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Entry point. {@link #run} is what tests call in-process; {@link #main} only adds System.exit. */
@Command(name = "provisioner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Stands up OpenStack DevStack on lab hosts over SSH and gets it healthy.")
public final class Main implements Callable<Integer> {
    /** The subcommands, in the order --help lists them; see {@link #command}. */
    static final List<String> COMMANDS = List.of("validate", "render", "plan", "preflight", "deploy", "status",
            "history", "unstack", "fixup", "probe", "diagnose", "schema", "sandbox", "serve", "completion", "man");
    /** Commands that describe the whole command tree, so they need every command built. */
    private static final List<String> WHOLE_TREE = List.of("completion", "man");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // the one answer that needs no command model: picocli's reading of Main's annotations was most
            // of --version's start; the text is picocli's (the version provider's lines, one a line)
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            return ExitCodes.OK;
        }
        // the everyday diagnose of a log file and probe of targets, without building the command model (see each
        // fromPlainArguments); the command name is checked first so that no other command loads their classes
        if (args.length > 0 && args[0].equals("diagnose")) {
            DiagnoseCommand diagnose = DiagnoseCommand.fromPlainArguments(args);
            if (diagnose != null) {
                return unparsed(diagnose::run, out, err);
            }
        }
        if (args.length > 0 && args[0].equals("probe")) {
            ProbeCommand probe = ProbeCommand.fromPlainArguments(args);
            if (probe != null) {
                // a method reference, not a lambda: picocli reads Main's declared methods, and a lambda's synthetic
                // method taking a ProbeCommand would load that class for every other command
                return unparsed(probe::run, out, err);
            }
        }
        return parsed(out, err, args);
    }

    /** A command that {@link #unparsed} runs: it writes to the streams picocli would give it. */
    private interface UnparsedRun {
        int run(PrintWriter out, PrintWriter err);
    }

    /** A command set up without picocli: streams and errors as picocli's run and {@link #onCrash} give them. */
    private static int unparsed(UnparsedRun command, PrintStream out, PrintStream err) {
        PrintWriter commandErr = new PrintWriter(err, true);
        try {
            return command.run(new PrintWriter(out, true), commandErr);
        } catch (RuntimeException e) {
            // both commands offer --verbose, which sends them through picocli
            return crashed(e, commandErr, false, true);
        }
    }

    /** A run through picocli's parsing (every command but the two shortcuts of {@link #run}). */
    static int parsed(PrintStream out, PrintStream err, String... args) {
        List<String> needed = commandsNeeded(args);
        CommandLine cl = configure(withCommands(needed), out, err);
        // probe reads its own @FILE (ProbeTargetsFile): picocli's expansion of a file of 20 000 targets into
        // 20 000 arguments, each then matched against every option, cost more than probing them
        cl.setExpandAtFiles(!needed.equals(List.of("probe")));
        return cl.execute(args);
    }

    /** The root command with every subcommand, as --help, completion and the man page see it. */
    static CommandLine wholeTree() {
        return withCommands(COMMANDS);
    }

    private static CommandLine withCommands(List<String> names) {
        CommandLine cl = new CommandLine(new Main(), CommandFactory.INSTANCE);
        for (String name : names) {
            cl.addSubcommand(name, command(name));
        }
        return cl;
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

    /**
     * Only the command that runs is built: picocli reads every registered command's annotations, and each
     * command's fields pull in its libraries (Jackson, SnakeYAML, JSch...). Help, a bare or unknown command,
     * errors, completion and the man page get all of them; {@code --version} alone gets none.
     */
    static List<String> commandsNeeded(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return COMMANDS.contains(arg) && !WHOLE_TREE.contains(arg) ? List.of(arg) : COMMANDS;
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
            case "history" -> new HistoryCommand();
            case "sandbox" -> new SandboxCommand();
            case "unstack" -> new UnstackCommand();
            case "fixup" -> new FixupCommand();
            case "probe" -> new ProbeCommand();
            case "diagnose" -> new DiagnoseCommand();
            case "schema" -> new SchemaCommand();
            case "serve" -> new ServeCommand();
            case "completion" -> new CompletionCommand();
            case "man" -> new ManCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
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
        String unknown = unknownOption(e, args);
        if (unknown != null) {
            String close = longOptionFor(e.getCommandLine().getCommandSpec(), unknown);
            err.println("error: Unknown option: '" + unknown + "'" + (close == null ? "" : "; did you mean '" + close + "'?")
                    + (close == null ? "; " : " ") + help);
            return ExitCodes.BAD_INPUT;
        }
        String specWord = specGivenAsWord(e, args);
        if (specWord != null) {
            err.println("error: the spec is an option, not a word: '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " -f " + specWord + "'");
            return ExitCodes.BAD_INPUT;
        }
        err.println("error: " + e.getMessage() + "; " + help);
        return ExitCodes.BAD_INPUT;
    }

    /**
     * An option the command does not have, when picocli reported a missing required option instead: it checks those
     * first, so {@code render -f lab.yaml -o out} said "Missing required option: '--out=DIR'" about the very option
     * the user tried to give. Null when every option word after the command is the command's own.
     */
    static String unknownOption(CommandLine.ParameterException e, String[] args) {
        if (!(e instanceof CommandLine.MissingParameterException)) {
            return null;
        }
        CommandLine.Model.CommandSpec command = e.getCommandLine().getCommandSpec();
        int start = List.of(args).indexOf(command.name()) + 1;
        for (int i = start; i < args.length && !args[i].equals("--"); i++) {
            String word = args[i];
            if (word.length() < 2 || !word.startsWith("-") || Character.isDigit(word.charAt(1))) {
                continue;
            }
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (!command.optionsMap().containsKey(name) && !knownShortCluster(command, name)) {
                return name;
            }
        }
        return null;
    }

    /** {@code -hV}: short options given together, the last may take the rest as its value ({@code -flab.yaml}). */
    private static boolean knownShortCluster(CommandLine.Model.CommandSpec command, String word) {
        if (word.startsWith("--")) {
            return false;
        }
        for (char c : word.substring(1).toCharArray()) {
            CommandLine.Model.OptionSpec option = command.findOption(c);
            if (option == null) {
                return false;
            }
            if (option.arity().max() > 0) {
                return true;
            }
        }
        return true;
    }

    /** {@code --out} for {@code -o}: the one long option that begins with a mistyped short option's letter. */
    static String longOptionFor(CommandLine.Model.CommandSpec command, String unknown) {
        if (unknown.length() != 2 || unknown.startsWith("--")) {
            return null;
        }
        List<String> matches = command.options().stream().map(CommandLine.Model.OptionSpec::longestName)
                .filter(name -> name.startsWith("--" + unknown.charAt(1))).toList();
        return matches.size() == 1 ? matches.get(0) : null;
    }

    /**
     * The word a user meant as the spec when {@code -f} is missing ({@code provisioner validate lab.yaml}, as other
     * tools take it): a YAML file name among the words after the command; null when there is none.
     */
    static String specGivenAsWord(CommandLine.ParameterException e, String[] args) {
        if (!(e instanceof CommandLine.MissingParameterException missing) || missing.getMissing().stream()
                .noneMatch(arg -> arg instanceof CommandLine.Model.OptionSpec option && option.longestName().equals("--file"))) {
            return null;
        }
        for (String word : args) {
            if (!word.startsWith("-") && (word.endsWith(".yaml") || word.endsWith(".yml"))) {
                return word;
            }
        }
        return null;
    }

    /** The last line of defence: one line, never a stack trace (unless --verbose asked for it). */
    private static int onCrash(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        return crashed(e, cl.getErr(), verbose(parsed), cl.getCommandSpec().findOption("--verbose") != null);
    }

    /** @param canAsk whether the command has --verbose to offer */
    private static int crashed(Exception e, PrintWriter err, boolean verbose, boolean canAsk) {
        if (e instanceof UserError userError) {
            err.println("error: " + userError.getMessage());
            return userError.exitCode();
        }
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
