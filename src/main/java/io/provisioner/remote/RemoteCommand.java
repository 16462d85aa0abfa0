package io.provisioner.remote;

import io.provisioner.shell.ShellQuote;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A command to run on a target, built from separate arguments (never pasted strings). {@code stdin} is
 * how secrets travel: they never appear in {@code argv}, so never in {@code ps} on the target.
 * {@code sudo} runs it as root through {@code sudo -n} (never prompts).
 */
public record RemoteCommand(List<String> argv, byte[] stdin, Duration timeout, boolean sudo) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public RemoteCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    public static RemoteCommand of(String... argv) {
        return new RemoteCommand(List.of(argv), null, DEFAULT_TIMEOUT, false);
    }

    /** {@code bash -c SCRIPT bash ARGS...}: the script refers to its arguments as "$1", "$2"... */
    public static RemoteCommand script(String bashScript, String... args) {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", bashScript, "bash"));
        argv.addAll(List.of(args));
        return new RemoteCommand(argv, null, DEFAULT_TIMEOUT, false);
    }

    public RemoteCommand withStdin(String text) {
        return new RemoteCommand(argv, text.getBytes(StandardCharsets.UTF_8), timeout, sudo);
    }

    public RemoteCommand withTimeout(Duration timeout) {
        return new RemoteCommand(argv, stdin, timeout, sudo);
    }

    public RemoteCommand asRoot() {
        return new RemoteCommand(argv, stdin, timeout, true);
    }

    /** The exact command line sent to the remote shell. Contains no secrets by construction. */
    public String commandLine() {
        String line = ShellQuote.join(argv);
        return sudo ? "sudo -n -- " + line : line;
    }
}
