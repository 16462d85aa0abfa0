package io.provisioner.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command under {@code /usr/bin/time} for benchmarks: wall time, and the CPU time (user + system) of
 * the command and every child it waited for (rusage), so parallel-ssh's or ansible's ssh processes count.
 */
public final class TimedCommand {
    public static final String TIME = "/usr/bin/time";

    private TimedCommand() {
    }

    /** What one timed run cost; {@code output} is stdout and stderr together. */
    public record Timing(double wallSeconds, double cpuSeconds, int exit, String output) {
    }

    public static Timing run(List<String> argv, Map<String, String> env, long timeoutSeconds) {
        Requirements.requireExecutable(TIME);
        try {
            Path times = Files.createTempFile("timed", ".txt");
            Path out = Files.createTempFile("timed", ".out");
            try {
                List<String> cmd = new ArrayList<>(List.of(TIME, "-f", "%e %U %S", "-o", times.toString()));
                cmd.addAll(argv);
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new IllegalStateException(argv.get(0) + " did not finish in " + timeoutSeconds + " s");
                }
                // the last line: "Command exited with non-zero status N" may precede it
                List<String> lines = Files.readAllLines(times);
                String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
                return new Timing(Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]),
                        p.exitValue(), Files.readString(out));
            } finally {
                Files.deleteIfExists(times);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
