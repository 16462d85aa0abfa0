package io.provisioner.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One way of writing help across every command: a user reading two commands' help sees the same conventions. */
class HelpConventionsTest {
    /** diagnose is owned by the diagnose work and follows these rules when it merges. */
    private static final List<String> NOT_YET = List.of("diagnose");

    private static List<String> violations() {
        CommandLine root = Main.wholeTree();
        List<String> found = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            String name = sub.getCommandName();
            if (NOT_YET.contains(name)) {
                continue;
            }
            String[] about = sub.getCommandSpec().usageMessage().description();
            if (about.length == 0 || !about[0].matches("[A-Z][a-z]+s\\b.*\\.")) {
                found.add(name + ": the description must open with what it does, e.g. 'Writes ...', as a sentence");
            }
            if (Arrays.stream(about).noneMatch(line -> line.contains("Exit 0"))) {
                found.add(name + ": the description must give the exit codes ('Exit 0 ...')");
            }
            List<ArgSpec> args = new ArrayList<>(sub.getCommandSpec().options());
            args.addAll(sub.getCommandSpec().positionalParameters());
            for (ArgSpec arg : args) {
                String what = name + " " + (arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel());
                String text = String.join(" ", arg.description());
                if (text.isEmpty() || !Character.isUpperCase(text.charAt(0)) || !text.endsWith(".")) {
                    found.add(what + ": description must be a sentence (capital, full stop): '" + text + "'");
                }
                if (arg.arity().max() > 0 && !arg.paramLabel().matches("[A-Z][A-Z_=]*(\\.\\.\\.)?")) {
                    found.add(what + ": placeholder must be an upper-case word, not '" + arg.paramLabel() + "'");
                }
                boolean hasDefault = arg.defaultValue() != null && !arg.defaultValue().isEmpty()
                        && !(arg instanceof OptionSpec o && o.arity().max() == 0);
                if (hasDefault && !text.contains("(default: " + arg.defaultValue() + ")")) {
                    found.add(what + ": has a default and must show it as (default: ${DEFAULT-VALUE})");
                }
            }
        }
        return found;
    }

    @Test
    void everyCommandAndOptionIsDescribedTheSameWay() {
        assertThat(violations()).isEmpty();
    }

    private static String help(int width, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cl = Main.configure(Main.wholeTree(), new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream(), true));
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(width);
        cl.getSubcommands().values().forEach(sub -> sub.setUsageHelpWidth(width));
        cl.execute(args);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void descriptionsFlowAsParagraphsAndWrapAtTheWidth() {
        String wide = help(140, "probe", "--help");
        // the outcome list is one paragraph that fills the width, not lines broken by hand
        String first = wide.lines().filter(l -> l.startsWith("Probes services")).findFirst().orElseThrow();
        assertThat(first.length()).isGreaterThan(110);
        String narrow = help(60, "probe", "--help");
        assertThat(narrow.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(60));
    }

    @Test
    void deployHelpNamesTheFaultsTheDefaultsAndTheSandboxHostsOption() {
        String text = help(100, "deploy", "--help").replaceAll("\\s+", " ");
        assertThat(text).contains("--sandbox-hosts=N", "service-start, disk-full", "pip-distutils", "(default: seed)",
                "(default: 4)", "(default: current)", "--skip-check=CHECK");
        assertThat(text).doesNotContain("--hosts=", "<");
    }
}
