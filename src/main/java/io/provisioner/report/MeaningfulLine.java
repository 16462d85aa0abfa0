package io.provisioner.report;

import io.provisioner.devstack.LogLine;
import io.provisioner.devstack.Ps4Frame;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stack.sh log line as a person wants it on a live status line: colour codes, timestamps and the PS4
 * prefix ({@code + lib/nova:start_nova:12 :}) gone, and shell bookkeeping ({@code [[ '' == ... ]]},
 * {@code local x=}, {@code return 0}) left out altogether, so the command being run or the output it
 * printed is what shows.
 */
final class MeaningfulLine {
    /** Commands of xtrace that say nothing about progress. */
    private static final Set<String> NOISE = Set.of("[[", "[", "test", "local", "return", "set", "shopt", "true",
            "false", ":", "export", "declare", "typeset", "unset", "source", ".", "echo", "printf", "trap", "shift",
            "eval", "cd", "pushd", "popd", "sleep", "for", "while", "if", "case", "read", "(", "((", "die", "exit",
            "is_service_enabled", "is_ubuntu", "is_fedora", "is_suse", "is_plugin_enabled", "is_set", "trueorfalse",
            "get_field", "echo_summary", "time_start", "time_stop", "basename", "dirname", "cat", "grep", "awk", "sed", "cut", "tr", "wc", "head", "tail", "sort",
            "date", "id", "whoami", "hostname", "type", "command", "local_ip", "xtrace");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?\\+?=.*");
    private static final Pattern BLANK_OR_DECORATION = Pattern.compile("^[\\s=*#+\\-_.]*$");

    private MeaningfulLine() {
    }

    /** The line as shown, or null when it says nothing worth showing. */
    static String of(String raw) {
        if (raw == null) {
            return null;
        }
        String line = LogLine.normalize(raw).replaceAll("\\p{Cntrl}", " ").strip();
        if (line.isEmpty() || BLANK_OR_DECORATION.matcher(line).matches()) {
            return null;
        }
        if (line.charAt(0) != '+') {
            return line;
        }
        Ps4Frame frame = Ps4Frame.parse(line);
        String command = frame != null ? frame.command().strip() : stripPlus(line);
        if (command.isEmpty() || ASSIGNMENT.matcher(command).matches()) {
            return null;
        }
        String program = command.split("\\s+", 2)[0];
        if (program.equals("sudo") || program.equals("env")) {
            String[] words = command.split("\\s+");
            program = words.length > 1 ? words[1] : program;
            for (int at = 1; at < words.length && (words[at].startsWith("-") || words[at].contains("=")); at++) {
                program = at + 1 < words.length ? words[at + 1] : program;
            }
        }
        program = program.replace("'", "").replace("\"", "");
        // DevStack's helpers named _like_this are its plumbing
        return NOISE.contains(program) || program.startsWith("_") ? null : command;
    }

    private static String stripPlus(String line) {
        int at = 0;
        while (at < line.length() && line.charAt(at) == '+') {
            at++;
        }
        return line.substring(at).strip();
    }
}
