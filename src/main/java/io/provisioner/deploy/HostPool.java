package io.provisioner.deploy;

import io.provisioner.spec.Host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Runs one job per host, at most {@code parallel} at once; results in the hosts' order. */
final class HostPool {
    private HostPool() {
    }

    static <T> List<T> map(List<Host> hosts, int parallel, Function<Host, T> job) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, hosts.size())));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Host host : hosts) {
                futures.add(pool.submit(() -> job.apply(host)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (InterruptedException interrupted) {
            // stop the hosts' jobs and let them finish what they report, so nothing of theirs comes after this
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException again) {
                // interrupted twice: stop waiting
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        } catch (ExecutionException failed) {
            throw new IllegalStateException(failed.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
