package io.provisioner.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Something a lab component is waited on for ({@code 127.0.0.1:3306 accepting}), polled until a deadline.
 * A failure names the condition, the time waited and, when the component's process died first, that.
 *
 * @param description what is awaited, as the failure says it
 * @param holds       polled every {@link #POLL}; true when the component is ready
 */
public record WaitCondition(String description, BooleanSupplier holds) {
    static final Duration POLL = Duration.ofMillis(50);

    public static WaitCondition portAccepting(String host, int port) {
        return new WaitCondition(host + ":" + port + " accepting", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    public static WaitCondition fileExists(Path file) {
        return new WaitCondition(file + " to appear", () -> Files.exists(file));
    }

    /** The command exits 0 (a readiness probe such as {@code pg_isready}). */
    public static WaitCondition commandSucceeds(List<String> argv) {
        return new WaitCondition(String.join(" ", argv) + " to succeed", () -> LabCommand.tryRun(argv).exit() == 0);
    }

    /** Waits at most {@code timeout}; an {@link IllegalStateException} naming the condition when it did not hold. */
    public void await(Duration timeout) {
        await(timeout, Optional::empty);
    }

    /**
     * Waits at most {@code timeout}, giving up at once when {@code givenUp} says why (a process that exited):
     * waiting for a dead daemon's port would only spend the deadline.
     */
    public void await(Duration timeout, Supplier<Optional<String>> givenUp) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (holds.getAsBoolean()) {
                return;
            }
            Optional<String> reason = givenUp.get();
            if (reason.isPresent()) {
                throw new IllegalStateException(reason.get() + " before " + description);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("not ready after " + timeout + " waiting for " + description);
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + description);
            }
        }
    }
}
