package io.provisioner.fixup;

import io.provisioner.remote.RemoteException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code apt-lock}: another apt/dpkg (often unattended-upgrades) holds the dpkg lock. Waits, bounded,
 * for the holder to finish and names it; never deletes a lock and never kills the holder. Lock paths
 * come from the fact {@code lock_paths} (comma-separated) or default to Debian's.
 */
public final class AptLockFixup implements Fixup {
    static final List<String> DEFAULT_LOCKS = List.of("/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock",
            "/var/lib/apt/lists/lock", "/var/cache/apt/archives/lock");
    private final Duration maxWait;
    private final Duration poll;

    public AptLockFixup() {
        this(Duration.ofMinutes(5), Duration.ofSeconds(2));
    }

    AptLockFixup(Duration maxWait, Duration poll) {
        this.maxWait = maxWait;
        this.poll = poll;
    }

    @Override
    public String name() {
        return "apt-lock";
    }

    @Override
    public String describe(FixupContext ctx) {
        return "wait up to " + maxWait(ctx).toSeconds() + "s for the process holding " + String.join(" or ", locks(ctx))
                + " to finish (never deletes the lock)";
    }

    @Override
    public Detection detect(FixupContext ctx) throws RemoteException {
        List<LockHolders.Holder> holders = LockHolders.find(ctx.shell(), locks(ctx));
        if (holders.isEmpty()) {
            return Detection.clean("no live process holds " + String.join(", ", locks(ctx)));
        }
        return Detection.found(holders.stream().map(LockHolders.Holder::toString).toList());
    }

    @Override
    public void apply(FixupContext ctx, Detection found) throws RemoteException {
        long deadline = System.nanoTime() + maxWait(ctx).toNanos();
        while (!LockHolders.find(ctx.shell(), locks(ctx)).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Math.min(poll.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public Verification verify(FixupContext ctx) throws RemoteException {
        List<LockHolders.Holder> holders = LockHolders.find(ctx.shell(), locks(ctx));
        if (holders.isEmpty()) {
            return Verification.passed("the dpkg/apt locks are free");
        }
        return Verification.failed("still locked after waiting " + maxWait(ctx).toSeconds() + "s: "
                + String.join("; ", holders.stream().map(LockHolders.Holder::toString).toList())
                + "; let it finish, or stop it yourself (the lock is never deleted by the provisioner)");
    }

    private static List<String> locks(FixupContext ctx) {
        return ctx.fact("lock_paths").map(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(path -> !path.isEmpty()).toList())
                .orElse(DEFAULT_LOCKS);
    }

    private Duration maxWait(FixupContext ctx) {
        return ctx.fact("wait_seconds").map(seconds -> Duration.ofSeconds(Long.parseLong(seconds))).orElse(maxWait);
    }
}
