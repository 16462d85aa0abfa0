package io.provisioner.remote;

import io.provisioner.shell.ShellQuote;

import java.time.Duration;
import java.util.Locale;

/**
 * The line sent to the target's shell for a command. It runs under coreutils {@code timeout}, so the
 * target itself stops a command that overruns, with its whole process group (timeout signals its own
 * group), even if our connection is gone. {@code sudo -n} goes outside, so timeout can kill root's processes.
 */
final class RemoteCommandLine {
    /** Exit status of {@code timeout} when the command overran (124) or had to be killed (137). */
    static final int TIMED_OUT = 124;
    static final int KILLED = 137;
    static final int KILL_AFTER_SECONDS = 5;

    private RemoteCommandLine() {
    }

    static String of(RemoteCommand command) {
        return of(command, false);
    }

    /** Root needs no sudo (and minimal hosts may not have it installed). */
    static String of(RemoteCommand command, boolean loginIsRoot) {
        StringBuilder sb = new StringBuilder();
        if (command.sudo() && !loginIsRoot) {
            sb.append("sudo -n -- ");
        }
        Duration timeout = command.timeout();
        if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
            sb.append("timeout -k ").append(KILL_AFTER_SECONDS).append(' ').append(seconds(timeout)).append(' ');
        }
        return sb.append(ShellQuote.join(command.argv())).toString();
    }

    static boolean looksTimedOut(RemoteCommand command, int exitStatus, Duration elapsed) {
        Duration timeout = command.timeout();
        return timeout != null && (exitStatus == TIMED_OUT || exitStatus == KILLED)
                && elapsed.compareTo(timeout.minusMillis(50)) >= 0;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }
}
