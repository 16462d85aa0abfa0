package io.provisioner.service.db;

import java.time.Duration;
import java.util.function.Supplier;

/** Riding out a database that went away: retry with a growing pause until a budget is spent. */
public final class Outages {
    private Outages() {
    }

    public static <T> T retry(Duration budget, Supplier<T> work) {
        long deadline = System.nanoTime() + budget.toNanos();
        long pause = 200;
        while (true) {
            try {
                return work.get();
            } catch (DatabaseUnavailableException e) {
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, 2000);
            }
        }
    }
}
