package io.provisioner.diagnose;

import io.provisioner.devstack.Ps4Frame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Follows, line by line, the command stack.sh is running and that command's own output, until DevStack's failure
 * machinery starts (a {@code die}, {@code [Call Trace]}, {@code [ERROR]}, the exit or err trap): what is left then is
 * the failing command and what it printed. For logs without DevStack's PS4 frames (2012-2015 trees print
 * {@code + command}) it also keeps the latest traced calls of DevStack functions ({@code + pip_install ...}), the only
 * trace of where such a log failed.
 *
 * <p>Only output lines the {@code keep} test accepts are kept: a fast scanner reads the lines holding a rule literal
 * (and the window before the failure), so keeping just such lines gives the same answer read fully or scanned.
 * xtrace lines a scanner skipped arrive late ({@link #trace} with an older number) and are placed by their number.
 * Memory is bounded.
 */
final class FailingCommand {
    private static final int OUTPUT = 20;
    private static final int CALLS = 6;
    private static final int MAX_TEXT = 400;
    /** Functions of DevStack's failure machinery: their frames are the failure, not the failing command. */
    private static final Set<String> MACHINERY = Set.of("die", "die_if_not_set", "err", "err_if_not_set", "backtrace",
            "exit_trap", "err_trap", "failed", "kill_spinner");
    private static final Set<String> TRAPS = Set.of("exit_trap", "err_trap", "failed");
    /** stack.sh's EXIT trap of 2012-09 to 2014-02, traced plainly as "+ clean" (never a command of its own). */
    private static final String CLEAN_TRAP = "clean";
    /** Traced words that only test or set shell state: the command that printed the output came before them. */
    private static final Set<String> NOT_A_COMMAND = Set.of("[[", "[", "local", "return", "set", "true", "false",
            "exit", "((", "time_start", "time_stop", "unset", "shift", "declare");

    private final Predicate<String> keep;
    private String command;
    private long commandLine;
    private final ArrayDeque<Evidence> output = new ArrayDeque<>();
    /** Plain-trace calls of DevStack functions by line number (the latest few). */
    private final TreeMap<Long, String> calls = new TreeMap<>();
    private boolean stopped;
    /** Stopped by the exit/err trap: the shell is leaving, nothing after it can be the failing command. */
    private boolean leaving;
    private long stoppedAt = Long.MAX_VALUE;
    private long lastLine;

    FailingCommand(Predicate<String> keep) {
        this.keep = keep;
    }

    /** An xtrace line ({@code +...}), normalised, with its number. */
    void trace(long number, String text) {
        if (number <= commandLine) {
            // older than the command: a scanner fed that one first (it held a literal) and skipped this one. It is
            // not the command, but in a plain-trace log it may be a DevStack call a full read records (+ pip_install)
            if (number < commandLine && number < stoppedAt && Ps4Frame.parse(text) == null) {
                call(number, firstWord(plainCommand(text)));
            }
            return;
        }
        Ps4Frame frame = Ps4Frame.parse(text);
        String cmd = frame != null ? frame.command() : plainCommand(text);
        String word = firstWord(cmd);
        String function = frame == null ? "" : frame.step().function();
        boolean machinery = MACHINERY.contains(function) || MACHINERY.contains(word) || cmd.contains("[Call Trace]")
                || (frame == null && cmd.equals(CLEAN_TRAP));
        if (number < lastLine) {
            late(number, frame, cmd, word, machinery);
            return;
        }
        lastLine = number;
        if (machinery) {
            stop(number);
            leaving |= TRAPS.contains(word) || TRAPS.contains(function) || (frame == null && cmd.equals(CLEAN_TRAP));
            return;
        }
        if (leaving || (stopped && frame == null)) {
            return; // the trap's own lines, or a plain trace after a die: still the failure
        }
        stopped = false;
        stoppedAt = Long.MAX_VALUE;
        if (frame == null) {
            call(number, word);
        }
        if (!NOT_A_COMMAND.contains(word) && !cmd.isEmpty()) {
            setCommand(number, cmd);
        }
    }

    /** A skipped xtrace line given after newer lines: it is placed where its number says. */
    private void late(long number, Ps4Frame frame, String cmd, String word, boolean machinery) {
        if (number >= stoppedAt) {
            return;
        }
        if (machinery) {
            stoppedAt = number;
            output.removeIf(kept -> kept.line() > number);
            calls.tailMap(number).clear();
            return;
        }
        if (frame == null) {
            call(number, word);
        }
        if (!NOT_A_COMMAND.contains(word) && !cmd.isEmpty()) {
            setCommand(number, cmd);
        }
    }

    /** A line of program output (not xtrace), normalised. */
    void output(long number, String text) {
        if (number <= lastLine) {
            return;
        }
        lastLine = number;
        if (text.startsWith("[Call Trace]") || text.startsWith("[ERROR] ") || text.startsWith("Error on exit")
                || text.startsWith("stack.sh failed")) {
            stop(number);
            return;
        }
        if (stopped || !keep.test(text)) {
            return;
        }
        output.addLast(new Evidence(number, clip(text)));
        if (output.size() > OUTPUT) {
            output.removeFirst();
        }
    }

    /** The command running when the failure began, or null. */
    String command() {
        return command;
    }

    /** The kept lines of that command's output, oldest first. */
    List<String> output() {
        List<String> out = new ArrayList<>();
        for (Evidence kept : output) {
            out.add(kept.text());
        }
        return out;
    }

    /** DevStack functions called in plain ({@code + name ...}) trace lines before the failure, oldest first. */
    List<String> plainCalls() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Long, String> call : calls.entrySet()) {
            out.remove(call.getValue());
            out.add(call.getValue());
        }
        return out;
    }

    private void call(long number, String word) {
        if (word.indexOf('_') >= 0 && isFunctionName(word)) {
            calls.put(number, word);
            if (calls.size() > CALLS) {
                calls.pollFirstEntry();
            }
        }
    }

    private void setCommand(long number, String cmd) {
        command = clip(cmd);
        commandLine = number;
        output.removeIf(kept -> kept.line() < number);
    }

    private void stop(long number) {
        if (!stopped) {
            stoppedAt = Math.min(stoppedAt, number);
        }
        stopped = true;
    }

    /** A shell function name as DevStack writes them: lower case letters, digits and '_', not starting with a digit. */
    private static boolean isFunctionName(String word) {
        for (int i = 0; i < word.length(); i++) {
            char character = word.charAt(i);
            boolean letter = (character >= 'a' && character <= 'z') || character == '_';
            if (!letter && (i == 0 || character < '0' || character > '9')) {
                return false;
            }
        }
        return !word.isEmpty();
    }

    private static String plainCommand(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == ' ')) {
            i++;
        }
        return text.substring(i);
    }

    private static String firstWord(String cmd) {
        int sp = cmd.indexOf(' ');
        return sp < 0 ? cmd : cmd.substring(0, sp);
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
