package io.provisioner.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Daemon threads that drain command output streams; shared by all shells. */
final class Pumps {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "output-pump");
        thread.setDaemon(true);
        return thread;
    });

    private Pumps() {
    }

    static Future<?> drain(OutputCapture capture, InputStream in) {
        return POOL.submit(() -> {
            capture.drain(in);
            return null;
        });
    }

    /** Writes {@code input} (if any) to a process's stdin and closes it, off the caller's thread. */
    static void feed(byte[] input, OutputStream stdin) {
        POOL.submit(() -> {
            try (stdin) {
                if (input != null) {
                    stdin.write(input);
                }
            } catch (IOException ignored) {
                // the process exited without reading its input
            }
        });
    }

    /** True when the pump finished by {@code deadlineNanos}; an I/O failure of the stream is rethrown. */
    static boolean await(Future<?> future, long deadlineNanos) throws IOException {
        try {
            long left = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
            future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
