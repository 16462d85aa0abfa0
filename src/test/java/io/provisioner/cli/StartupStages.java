package io.provisioner.cli;

import picocli.CommandLine;

/**
 * The stages of a {@code provisioner probe} start, each as a program of its own, for {@link StartupBenchmarkIT}:
 * {@code jvm} (nothing), {@code picocli} (one one-option command), {@code probe-model} (the probe command alone),
 * {@code tree} (the whole command tree, as Main builds it), {@code probe-only ARGS} (a probe through the probe
 * command alone).
 */
public final class StartupStages {
    private StartupStages() {
    }

    /** The smallest picocli program. */
    @CommandLine.Command(name = "tiny")
    static final class Tiny implements Runnable {
        @CommandLine.Option(names = "--x")
        int value;

        @Override
        public void run() {
            System.out.println("tiny " + value);
        }
    }

    public static void main(String[] args) {
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        int code = switch (args[0]) {
            case "jvm" -> 0;
            case "picocli" -> new CommandLine(new Tiny()).execute(rest);
            case "probe-model" -> new CommandLine(new ProbeCommand()).getCommandSpec().options().size() > 0 ? 0 : 1;
            case "tree" -> Main.wholeTree().getSubcommands().size() > 0 ? 0 : 1;
            case "probe-only" -> new CommandLine(new ProbeCommand()).execute(rest);
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.exit(code);
    }
}
