package io.provisioner.probe;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run probes' blocking exchanges in a sweep: up to {@code max}, but a new thread starts only
 * when every started one is busy (a plain {@link ThreadPoolExecutor} starts one per task until it reaches
 * its core size, and thread starts are what made big sweeps slow). Idle threads end after two seconds.
 */
final class WorkerPool implements Executor, AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final AtomicInteger unfinished = new AtomicInteger();

    WorkerPool(int max, String name) {
        AtomicInteger count = new AtomicInteger();
        GrowFirstQueue queue = new GrowFirstQueue();
        pool = new ThreadPoolExecutor(0, max, 2, TimeUnit.SECONDS, queue, task -> {
            Thread thread = new Thread(null, task, name + "-" + count.incrementAndGet(), 256 * 1024);
            thread.setDaemon(true);
            return thread;
        }, (task, executor) -> queue.force(task)) {
            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                unfinished.decrementAndGet();
            }
        };
    }

    @Override
    public void execute(Runnable task) {
        unfinished.incrementAndGet();
        pool.execute(task);
    }

    /** Lets the threads end once the queued work is done. */
    @Override
    public void close() {
        pool.shutdown();
    }

    /** Refuses a task while no thread is idle and the pool may grow, which makes the executor start one. */
    private final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {
        @Override
        public boolean offer(Runnable task) {
            int threads = pool.getPoolSize();
            if (threads < pool.getMaximumPoolSize() && unfinished.get() > threads) {
                return false;
            }
            return super.offer(task);
        }

        void force(Runnable task) {
            if (pool.isShutdown()) {
                throw new java.util.concurrent.RejectedExecutionException("sweep already ended");
            }
            super.offer(task);
        }
    }
}
