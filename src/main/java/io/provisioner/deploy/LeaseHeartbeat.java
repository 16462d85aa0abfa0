package io.provisioner.deploy;

import io.provisioner.remote.RemoteException;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Renews the host lease while stack.sh runs, so a second provisioner keeps being refused. */
final class LeaseHeartbeat implements AutoCloseable {
    private static final long EVERY_SECONDS = 20;
    private final ScheduledExecutorService timer;

    private LeaseHeartbeat(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static LeaseHeartbeat start(TargetSession session, TargetLease lease) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread th = new Thread(task, "lease-heartbeat");
            th.setDaemon(true);
            return th;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                lease.acquire(session.shell());
            } catch (RemoteException | RuntimeException missedBeat) {
                // a missed beat during an outage is fine: the lease only goes stale after 90 s
            }
        }, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
        return new LeaseHeartbeat(scheduler);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
