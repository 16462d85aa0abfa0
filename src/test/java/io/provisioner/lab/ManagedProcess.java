package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A lab daemon started by a test: output to a log file, stopped by PID with its whole process tree,
 * even when the test failed. {@link #awaitPort} / {@link #awaitFile} wait until it is ready.
 */
public final class ManagedProcess implements LabComponent {
    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ManagedProcess start(String name, Path log, List<String> command) {
        return start(name, log, new ProcessBuilder(command));
    }

    public static ManagedProcess start(String name, Path log, ProcessBuilder pb) {
        try {
            Files.createDirectories(log.getParent());
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            return new ManagedProcess(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public ManagedProcess awaitPort(String host, int port, Duration timeout) {
        return await(timeout, WaitCondition.portAccepting(host, port));
    }

    public ManagedProcess awaitFile(Path file, Duration timeout) {
        return await(timeout, WaitCondition.fileExists(file));
    }

    public ManagedProcess await(Duration timeout, BooleanSupplier ready, String what) {
        return await(timeout, new WaitCondition(what, ready));
    }

    /** Waits for {@code condition}, giving up at once when the process exits; a failure carries its log's tail. */
    public ManagedProcess await(Duration timeout, WaitCondition condition) {
        try {
            condition.await(timeout, () -> process.isAlive() ? Optional.empty()
                    : Optional.of(name + " exited with " + process.exitValue()));
            return this;
        } catch (IllegalStateException e) {
            throw new IllegalStateException(name + ": " + e.getMessage() + "; its log:\n" + tail(), e);
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
