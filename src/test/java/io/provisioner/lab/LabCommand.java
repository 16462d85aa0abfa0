package io.provisioner.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short setup command of the lab (ssh-keygen, ip, useradd) and fails loudly with its output. */
public final class LabCommand {
    private LabCommand() {
    }

    public static String run(String... argv) {
        return run(List.of(argv));
    }

    public static String run(List<String> argv) {
        Result r = tryRun(argv);
        if (r.exit != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + r.exit + ": " + r.output);
        }
        return r.output;
    }

    /** Runs and returns the exit status and combined output; never throws for a non-zero exit. */
    public static Result tryRun(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    public record Result(int exit, String output) {
    }
}
