package io.provisioner.remote;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command running detached on a target: started with {@code setsid}, stdin from /dev/null, output
 * appended to the log file, its exit status written to the exit file (temp + rename) when it ends, and
 * the lock file held with {@code flock} for its whole life by the wrapper that waits for it (the command
 * itself does not inherit the lock, so daemons it leaves behind cannot hold it). Nothing depends on our
 * connection staying up, and starting twice never runs the command twice: a finished run (exit file) or a
 * live one (lock) is reported instead.
 */
public final class DetachedRun {

    // $1 lock $2 exit $3 log $4 dir $5 id $6 by $7 as-user; then the command. Env: NUL-separated K=V on stdin.
    private static final String START = """
            set -u
            lock=$1 exitf=$2 log=$3 dir=$4 id=$5 by=$6 asuser=$7; shift 7
            while IFS= read -r -d '' kv; do export "$kv"; done
            if [ -e "$exitf" ]; then printf 'FINISHED %s\\n' "$(cat "$exitf")"; exit 0; fi
            mkdir -p -- "$(dirname -- "$lock")" "$(dirname -- "$log")" "$(dirname -- "$exitf")" || exit 90
            exec 9>>"$lock" || exit 91
            # a moment's wait: the previous run's wrapper may still hold the lock just after writing its exit file
            if ! flock -w 3 9; then printf 'BUSY %s\\n' "$(head -c 400 "$lock" | tr '\\n' ' ')"; exit 0; fi
            if [ -e "$exitf" ]; then printf 'FINISHED %s\\n' "$(cat "$exitf")"; exit 0; fi
            if [ -n "$asuser" ] && [ "$(id -un)" != "$asuser" ]; then set -- sudo -n -E -H -u "$asuser" -- "$@"; fi
            cd -- "$dir" || exit 92
            setsid -f bash -c '
              lock=$1 exitf=$2 log=$3 id=$4 by=$5; shift 5
              printf "id=%s pid=%s user=%s since=%s by=%s\\n" "$id" "$$" "$(id -un)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$by" > "$lock"
              "$@" 9>&- </dev/null >>"$log" 2>&1
              rc=$?
              printf "%s\\n" "$rc" > "$exitf.tmp" && mv -f -- "$exitf.tmp" "$exitf"
            ' detached-run "$lock" "$exitf" "$log" "$id" "$by" "$@" </dev/null >/dev/null 2>&1
            for i in $(seq 200); do grep -q "^id=$id pid=" "$lock" 2>/dev/null && break; sleep 0.05; done
            printf 'STARTED %s\\n' "$(head -c 400 "$lock" | tr '\\n' ' ')"
            """;

    // $1 lock $2 exit $3 id
    private static final String STATUS = """
            lock=$1 exitf=$2 id=$3
            if [ -e "$exitf" ]; then printf 'FINISHED %s\\n' "$(cat "$exitf")"; exit 0; fi
            if [ ! -e "$lock" ]; then echo NOT_STARTED; exit 0; fi
            holder=$(head -c 400 "$lock" | tr '\\n' ' ')
            exec 9<"$lock"
            if flock -n 9; then
              if [ -e "$exitf" ]; then printf 'FINISHED %s\\n' "$(cat "$exitf")"
              elif grep -q "^id=$id " "$lock"; then printf 'ABANDONED %s\\n' "$holder"
              else echo NOT_STARTED; fi
            elif grep -q "^id=$id " "$lock"; then printf 'RUNNING %s\\n' "$holder"
            else printf 'NOT_STARTED %s\\n' "$holder"; fi
            """;

    private final RemoteShell shell;
    private final DetachedSpec spec;

    private DetachedRun(RemoteShell shell, DetachedSpec spec) {
        this.shell = shell;
        this.spec = spec;
    }

    /**
     * Starts the run unless it already ran or runs: returns at once (the command keeps going on the
     * target). A finished run is not started again (its status says FINISHED); a live holder of the lock,
     * this run or another, is a {@link DetachedRunBusyException} naming it.
     */
    public static DetachedRun start(RemoteShell shell, DetachedSpec spec) throws RemoteException {
        List<String> args = new ArrayList<>(List.of(spec.lockFile(), spec.exitFile(), spec.logFile(),
                spec.workDir() == null ? "/" : spec.workDir(), spec.id(), launcherName(),
                spec.runAsUser() == null ? "" : spec.runAsUser()));
        args.addAll(spec.argv());
        ByteArrayOutputStream env = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : spec.env().entrySet()) {
            env.writeBytes((e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
            env.write(0);
        }
        RemoteCommand cmd = RemoteCommand.script(START, args.toArray(String[]::new));
        cmd = new RemoteCommand(cmd.argv(), env.toByteArray(), Duration.ofMinutes(5), false);
        CommandResult result = shell.run(cmd);
        String out = result.stdout().trim();
        if (result.exitStatus() != 0 || out.isEmpty()) {
            throw new RemoteException(RemoteFailure.IO, shell.host(), shell.host() + ": could not start " + spec.id()
                    + " (launcher exit " + result.exitStatus() + "): " + result.firstErrorLine());
        }
        if (out.startsWith("BUSY")) {
            throw new DetachedRunBusyException(shell.host(), spec.lockFile(), out.substring(4).trim());
        }
        DetachedStatus.parse(shell.host(), out);
        return new DetachedRun(shell, spec);
    }

    /** A handle on a run started earlier (by us or an earlier provisioner), to follow it. */
    public static DetachedRun attach(RemoteShell shell, DetachedSpec spec) {
        return new DetachedRun(shell, spec);
    }

    public DetachedSpec spec() {
        return spec;
    }

    public DetachedStatus status() throws RemoteException {
        return status(shell, spec);
    }

    public static DetachedStatus status(RemoteShell shell, DetachedSpec spec) throws RemoteException {
        CommandResult result = shell.run(RemoteCommand.script(STATUS, spec.lockFile(), spec.exitFile(), spec.id())
                .withTimeout(Duration.ofMinutes(2)));
        if (result.exitStatus() != 0) {
            throw new RemoteException(RemoteFailure.IO, shell.host(), shell.host() + ": cannot read the state of "
                    + spec.id() + ": " + result.firstErrorLine());
        }
        return DetachedStatus.parse(shell.host(), result.stdout());
    }

    /** Up to {@code max} bytes of the log from {@code offset}; empty at the end or before the log exists. */
    public byte[] readLog(long offset, int max) throws RemoteException {
        return readLog(shell, spec, offset, max);
    }

    static byte[] readLog(RemoteShell shell, DetachedSpec spec, long offset, int max) throws RemoteException {
        try {
            return shell.read(spec.logFile(), offset, max);
        } catch (RemoteException e) {
            if (e.failure() == RemoteFailure.NOT_FOUND) {
                return new byte[0];
            }
            throw e;
        }
    }

    private static String launcherName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        return "provisioner@" + host + "/pid" + ProcessHandle.current().pid();
    }
}
