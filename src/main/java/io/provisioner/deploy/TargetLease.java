package io.provisioner.deploy;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;

import java.time.Duration;

/**
 * The per-host lease on the target that stops a second provisioner: a file naming the holder and a
 * heartbeat, read and written under {@code flock}. A different run finds a fresh lease and fails fast,
 * naming the holder; a lease whose heartbeat is older than {@link #STALE} belonged to a provisioner that
 * died and is taken over. {@code --resume} carries the same run id, so it takes its own lease back.
 */
final class TargetLease {
    static final Duration STALE = Duration.ofSeconds(90);
    private static final String ACQUIRE = """
            set -e
            dir=$1 run=$2 holder=$3 stale=$4
            mkdir -p "$dir"; chmod 700 "$dir"
            exec 9>"$dir/lease.lock"
            flock -w 10 9
            now=$(date +%s)
            if [ -f "$dir/lease" ]; then
              . "$dir/lease"
              if [ "$lease_run" != "$run" ] && [ $((now - lease_beat)) -lt "$stale" ]; then
                echo "held by $lease_holder (run $lease_run, heartbeat $((now - lease_beat)) s ago)"
                exit 75
              fi
            fi
            printf 'lease_run=%q\\nlease_holder=%q\\nlease_beat=%s\\n' "$run" "$holder" "$now" > "$dir/lease.tmp"
            mv -f "$dir/lease.tmp" "$dir/lease"
            """;
    private static final String RELEASE = """
            dir=$1 run=$2
            exec 9>"$dir/lease.lock"
            flock -w 10 9 || exit 0
            if [ -f "$dir/lease" ]; then . "$dir/lease"; [ "$lease_run" = "$run" ] && rm -f "$dir/lease"; fi
            exit 0
            """;

    private final String stateDir;
    private final String run;
    private final String holder;

    TargetLease(String stateDir, String run, String holder) {
        this.stateDir = stateDir;
        this.run = run;
        this.holder = holder;
    }

    /** Takes or renews the lease; a live lease of another run is a {@link StepFailedException} naming it. */
    void acquire(RemoteShell shell) throws RemoteException {
        CommandResult result = shell.run(RemoteCommand.script(ACQUIRE, stateDir, run, holder,
                String.valueOf(STALE.toSeconds())).withTimeout(Duration.ofSeconds(30)));
        if (result.exitStatus() == 75) {
            throw new StepFailedException("another provisioner is deploying " + shell.host() + ": "
                    + result.stdout().strip() + "; wait for it, or remove " + stateDir + "/lease if it is gone");
        }
        if (!result.ok()) {
            throw new StepFailedException("cannot take the lease in " + stateDir + ": " + result.firstErrorLine());
        }
    }

    void release(RemoteShell shell) {
        try {
            shell.run(RemoteCommand.script(RELEASE, stateDir, run).withTimeout(Duration.ofSeconds(30)));
        } catch (RemoteException ignored) {
            // a lease we cannot remove goes stale by itself
        }
    }
}
