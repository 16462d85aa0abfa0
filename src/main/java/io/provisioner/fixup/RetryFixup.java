package io.provisioner.fixup;

import io.provisioner.remote.RemoteException;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code retry}: a transient download failure. DevStack's {@code git_timed} only retries on a timeout and
 * {@code GIT_TIMEOUT} defaults to 0 (no timeout, so no retry): sets {@code GIT_TIMEOUT} (fact
 * {@code git_timeout}, default 300 s) in local.conf's localrc, then backs off before the re-run:
 * {@code base * 2^(attempt-1)}, capped, for the fact {@code attempt} (1, 2, ...).
 */
public final class RetryFixup implements Fixup {
    static final int DEFAULT_GIT_TIMEOUT = 300;
    private final Duration base;
    private final Duration cap;

    public RetryFixup() {
        this(Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    RetryFixup(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    @Override
    public String name() {
        return "retry";
    }

    @Override
    public String describe(FixupContext ctx) {
        return "set GIT_TIMEOUT=" + target(ctx) + " in " + StackrcFile.localConfPath(ctx) + " and wait "
                + backoff(attempt(ctx)).toSeconds() + "s before the re-run";
    }

    /** How long to wait before re-run number {@code attempt} (0: none). */
    public Duration backoff(int attempt) {
        if (attempt <= 0) {
            return Duration.ZERO;
        }
        Duration delay = base.multipliedBy(1L << Math.min(attempt - 1, 16));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    @Override
    public Detection detect(FixupContext ctx) throws RemoteException {
        Optional<String> conf = ctx.files().read(StackrcFile.localConfPath(ctx));
        if (conf.isEmpty()) {
            return Detection.clean(StackrcFile.localConfPath(ctx) + " does not exist yet");
        }
        int current = current(conf.get());
        if (current >= target(ctx)) {
            return Detection.clean("GIT_TIMEOUT is " + current + "s: git calls already time out and retry");
        }
        return Detection.found(java.util.List.of("GIT_TIMEOUT is " + current + (current == 0
                ? " (no timeout, so DevStack never retries a git call)" : "s, below " + target(ctx) + "s")));
    }

    @Override
    public void apply(FixupContext ctx, Detection found) throws RemoteException {
        String conf = ctx.files().read(StackrcFile.localConfPath(ctx)).orElseThrow();
        if (current(conf) < target(ctx)) {
            ctx.files().rewrite(StackrcFile.localConfPath(ctx), LocalrcSection.set(conf, "GIT_TIMEOUT", "" + target(ctx)));
        }
        try {
            Thread.sleep(backoff(attempt(ctx)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Verification verify(FixupContext ctx) throws RemoteException {
        int current = ctx.files().read(StackrcFile.localConfPath(ctx)).map(RetryFixup::current).orElse(0);
        return current >= target(ctx) ? Verification.passed("GIT_TIMEOUT=" + current + ": git calls retry up to 3 times")
                : Verification.failed("GIT_TIMEOUT is still " + current);
    }

    private static int current(String localConf) {
        return LocalrcSection.get(localConf, "GIT_TIMEOUT").map(value -> {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }).orElse(0);
    }

    private static int target(FixupContext ctx) {
        return ctx.fact("git_timeout").map(Integer::parseInt).orElse(DEFAULT_GIT_TIMEOUT);
    }

    private static int attempt(FixupContext ctx) {
        return ctx.fact("attempt").map(Integer::parseInt).orElse(0);
    }
}
