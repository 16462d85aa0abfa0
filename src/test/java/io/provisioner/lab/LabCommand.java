package io.provisioner.lab;

import io.provisioner.remote.LocalCommand;
import io.provisioner.remote.LocalResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a short setup command of the lab (ssh-keygen, ip, useradd, git) and fails loudly with its output.
 * Every lab helper runs its commands here, through the project's one runner ({@link LocalCommand}): output
 * is pumped while the command runs, so the 60 s limit really stops a hung command.
 */
public final class LabCommand {
    private LabCommand() {
    }

    public static String run(String... argv) {
        return run(List.of(argv));
    }

    public static String run(List<String> argv) {
        return check(LocalCommand.of(argv).mergingErrors());
    }

    /** Runs in {@code dir}; the combined output, or an exception with it. */
    public static String runIn(Path dir, String... argv) {
        return check(LocalCommand.of(argv).in(dir).mergingErrors());
    }

    /** Runs {@code command}; its output (stdout and stderr as the command says), or an exception with it. */
    public static String check(LocalCommand command) {
        LocalResult r = execute(command);
        if (!r.ok()) {
            throw new IllegalStateException(r.describe());
        }
        return r.output();
    }

    /** Runs and returns the exit status and combined output; never throws for a non-zero exit. */
    public static Result tryRun(List<String> argv) {
        LocalResult r = execute(LocalCommand.of(argv).mergingErrors());
        return new Result(r.timedOut() ? -1 : r.exitStatus(), r.timedOut() ? r.describe() + "\n" + r.output() : r.output());
    }

    /** Runs {@code command}; a command that cannot be started is an {@link IllegalStateException}. */
    public static LocalResult execute(LocalCommand command) {
        try {
            return command.run();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command.argv()) + ": " + e.getMessage(), e);
        }
    }

    public record Result(int exit, String output) {
    }
}
