package io.provisioner.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The threads JSch starts for one connection (each session's reader, a bastion channel's pump): daemon
 * threads, remembered so that closing the connection can wait until they have ended. A session's
 * {@code disconnect} only closes the socket; its reader leaves the blocked read afterwards, when it is next
 * scheduled. A JVM that exits while a thread is still in a native read waits for it (HotSpot polls up to
 * 300 ms for threads in native code before it exits), so a command that closed its connections returns only
 * after their readers are gone.
 */
final class TransportThreads implements ThreadFactory {
    /** A reader ends within a scheduling slice of its socket's close; this bounds a listener that is stuck. */
    static final Duration END_WAIT = Duration.ofSeconds(2);

    private final List<Thread> threads = new ArrayList<>();

    @Override
    public synchronized Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "ssh-transport");
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    /** Waits (up to {@link #END_WAIT} in all) for every thread started so far to end; true when they all did. */
    boolean awaitEnd() {
        long deadline = System.nanoTime() + END_WAIT.toNanos();
        for (Thread thread : started()) {
            if (thread == Thread.currentThread()) {
                continue; // a listener on the reader thread closed the connection: it ends when it returns
            }
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Thread> alive = live();
        alive.remove(Thread.currentThread());
        return alive.isEmpty();
    }

    /** Threads started and not yet ended. */
    synchronized List<Thread> live() {
        threads.removeIf(thread -> thread.getState() == Thread.State.TERMINATED);
        return new ArrayList<>(threads);
    }

    private synchronized List<Thread> started() {
        return new ArrayList<>(threads);
    }
}
