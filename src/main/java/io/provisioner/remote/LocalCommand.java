package io.provisioner.remote;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One local process, run to its end or to its timeout: stdin fed and closed and stdout/stderr drained on
 * pump threads while it runs (so neither a chatty nor a silent process can block the caller past the
 * timeout), and on timeout or interrupt the whole process tree stopped. The one way this project runs a
 * short local process ({@link LocalShell}, the sandbox, the test lab).
 *
 * @param argv        the program and its arguments
 * @param directory   the working directory, or null for the current one
 * @param environment added to (and overriding) the inherited environment
 * @param stdin       written to the process and closed; null closes stdin at once
 * @param timeout     how long it may run; null for no limit
 * @param mergeErrors stderr into stdout, in the order written
 */
public record LocalCommand(List<String> argv, Path directory, Map<String, String> environment, byte[] stdin,
                           Duration timeout, boolean mergeErrors) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** How long the pumps may take to see the end of output once the process is gone. */
    private static final long DRAIN_SECONDS = 5;

    public LocalCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
        environment = Map.copyOf(environment);
    }

    public static LocalCommand of(String... argv) {
        return of(List.of(argv));
    }

    public static LocalCommand of(List<String> argv) {
        return new LocalCommand(argv, null, Map.of(), null, DEFAULT_TIMEOUT, false);
    }

    public LocalCommand in(Path dir) {
        return new LocalCommand(argv, dir, environment, stdin, timeout, mergeErrors);
    }

    public LocalCommand withEnvironment(Map<String, String> env) {
        return new LocalCommand(argv, directory, env, stdin, timeout, mergeErrors);
    }

    public LocalCommand withStdin(byte[] input) {
        return new LocalCommand(argv, directory, environment, input, timeout, mergeErrors);
    }

    public LocalCommand withTimeout(Duration limit) {
        return new LocalCommand(argv, directory, environment, stdin, limit, mergeErrors);
    }

    public LocalCommand mergingErrors() {
        return new LocalCommand(argv, directory, environment, stdin, timeout, true);
    }

    public LocalResult run() throws IOException {
        return run(OutputListener.NONE);
    }

    /**
     * Runs the command, handing lines to {@code listener} as they arrive.
     *
     * @throws IOException the program cannot be started, its output cannot be read, or the calling thread
     *                     was interrupted ({@link InterruptedIOException}; the tree is stopped first)
     */
    public LocalResult run(OutputListener listener) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(mergeErrors);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        OutputCapture stdout = new OutputCapture(listener::stdout);
        OutputCapture stderr = new OutputCapture(listener::stderr);
        Future<?> outPump = Pumps.drain(stdout, process.getInputStream());
        Future<?> errPump = Pumps.drain(stderr, process.getErrorStream());
        Pumps.feed(stdin, process.getOutputStream());
        boolean finished;
        try {
            finished = timeout == null ? waitForever(process) : process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process.toHandle());
            throw new InterruptedIOException("interrupted while running " + argv.get(0));
        }
        if (!finished) {
            killTree(process.toHandle());
        }
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        Pumps.await(outPump, drainDeadline);
        Pumps.await(errPump, drainDeadline);
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new LocalResult(argv, exit, stdout.text(), stderr.text(), Duration.ofNanos(System.nanoTime() - start),
                !finished);
    }

    private static boolean waitForever(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    /** Stops the process and every descendant; stragglers get SIGKILL after 2 s. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(0, root);
        all.forEach(ProcessHandle::destroy);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < until && all.stream().anyMatch(ProcessHandle::isAlive)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            root.onExit().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // reported as still alive: exit -1
        }
    }
}
