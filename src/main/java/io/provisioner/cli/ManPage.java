package io.provisioner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** One man page (section 1) for the whole tool: every command with its synopsis, options and exit codes. */
final class ManPage {
    private final StringBuilder roff = new StringBuilder();

    private ManPage() {
    }

    static String of(CommandLine root, String version) {
        ManPage page = new ManPage();
        page.write(root.getCommandSpec(), version);
        return page.roff.toString();
    }

    private void write(CommandSpec root, String version) {
        String name = root.name();
        line(".TH " + name.toUpperCase(Locale.ROOT) + " 1 \"\" \"" + escape(version) + "\" \"User Commands\"");
        line(".SH NAME");
        line(escape(name) + " \\- " + escape(String.join(" ", root.usageMessage().description())));
        line(".SH SYNOPSIS");
        line(".B " + escape(name));
        line(".I COMMAND");
        line("[\\fIOPTIONS\\fR]");
        line(".SH DESCRIPTION");
        line("Every command answers \\fB\\-\\-help\\fR; bad input is one line naming where and what, exit 2.");
        line(".SH COMMANDS");
        for (CommandLine sub : root.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                command(sub.getCommandSpec());
            }
        }
        line(".SH EXIT STATUS");
        exit("0", "everything asked for succeeded");
        exit("1", "the job ran and something failed (a check, a probe, a host, a fix-up)");
        exit("2", "bad input (the spec, a target, an option); nothing was touched");
        exit("3", "a host could not be reached or its identity is not trusted");
        line(".SH SEE ALSO");
        line(".BR ssh (1),");
        line(".BR ssh_config (5)");
    }

    private void command(CommandSpec sub) {
        line(".SS \"" + escape(sub.qualifiedName()) + "\"");
        line(".B " + escape(sub.qualifiedName()));
        List<String> synopsis = new ArrayList<>();
        for (OptionSpec option : sub.options()) {
            if (option.required()) {
                synopsis.add(escape(option.longestName()) + "=\\fI" + escape(option.paramLabel()) + "\\fR");
            }
        }
        for (PositionalParamSpec positional : sub.positionalParameters()) {
            synopsis.add("\\fI" + escape(positional.paramLabel()) + "\\fR");
        }
        synopsis.add("[\\fIOPTIONS\\fR]");
        line(String.join(" ", synopsis));
        line(".PP");
        for (String paragraph : sub.usageMessage().description()) {
            line(escape(CommandLine.Help.Ansi.OFF.string(paragraph.replace("%n", " "))));
            line(".br");
        }
        for (PositionalParamSpec positional : sub.positionalParameters()) {
            line(".TP");
            line("\\fI" + escape(positional.paramLabel()) + "\\fR");
            line(escape(description(positional)));
        }
        for (OptionSpec option : sub.options()) {
            if (option.hidden()) {
                continue;
            }
            line(".TP");
            String names = String.join(", ", option.names());
            line("\\fB" + escape(names) + "\\fR"
                    + (option.arity().max() > 0 ? "=\\fI" + escape(option.paramLabel()) + "\\fR" : ""));
            line(escape(description(option)));
        }
    }

    /** The description as --help shows it: ${DEFAULT-VALUE} and ${COMPLETION-CANDIDATES} filled in. */
    static String description(ArgSpec arg) {
        String text = String.join(" ", arg.description());
        String fallback = arg.defaultValueString();
        text = text.replace("${DEFAULT-VALUE}", fallback == null ? "none" : fallback);
        if (arg.completionCandidates() != null) {
            text = text.replace("${COMPLETION-CANDIDATES}", StreamSupport.stream(arg.completionCandidates().spliterator(),
                    false).collect(Collectors.joining(", ")));
        }
        return text.replace("%n", " ");
    }

    private void exit(String code, String meaning) {
        line(".TP");
        line(".B " + code);
        line(escape(meaning));
    }

    private void line(String text) {
        roff.append(text).append('\n');
    }

    /** roff-safe text: backslashes and hyphens escaped, no line starting with a control character. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
