package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;
import io.provisioner.remote.RemoteShell;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads and rewrites files on the target as root. Every rewrite first keeps a timestamped copy
 * ({@code FILE.provisioner-bak.20261125T221500Z}, mode and owner preserved) and then replaces the file
 * atomically, keeping its owner and mode, so an interrupted edit never leaves half a file.
 */
public final class TargetFiles {
    static final String BACKUP_SUFFIX = ".provisioner-bak.";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final RemoteShell shell;
    private final Clock clock;

    TargetFiles(RemoteShell shell) {
        this(shell, Clock.systemUTC());
    }

    TargetFiles(RemoteShell shell, Clock clock) {
        this.shell = shell;
        this.clock = clock;
    }

    /** The file's text, or empty when it does not exist. */
    public Optional<String> read(String path) throws RemoteException {
        CommandResult result = shell.run(RemoteCommand.script("[ -f \"$1\" ] || exit 3; exec cat -- \"$1\"", path).asRoot());
        if (result.exitStatus() == 3) {
            return Optional.empty();
        }
        if (!result.ok()) {
            throw new RemoteException(RemoteFailure.IO, shell.host(), "cannot read " + path + ": "
                    + result.firstErrorLine());
        }
        return Optional.of(result.stdout());
    }

    /** Backs the file up, then replaces its content; returns the backup's path. Refuses a missing file. */
    public String rewrite(String path, String content) throws RemoteException {
        String backup = path + BACKUP_SUFFIX + STAMP.format(clock.instant());
        String script = """
                set -e
                [ -f "$1" ] || { echo "no such file: $1" >&2; exit 3; }
                b="$2"; n=1
                while [ -e "$b" ]; do b="$2.$n"; n=$((n+1)); done
                cp -p -- "$1" "$b"
                t="$1.provisioner-tmp.$$"
                cp -p -- "$1" "$t"
                cat > "$t"
                mv -f -- "$t" "$1"
                printf '%s' "$b"
                """;
        CommandResult result = shell.run(RemoteCommand.script(script, path, backup)
                .withStdin(content).asRoot());
        if (!result.ok()) {
            throw new RemoteException(RemoteFailure.IO, shell.host(), "cannot rewrite " + path + ": "
                    + result.firstErrorLine());
        }
        return result.stdout().strip();
    }

    /**
     * Makes {@code path} hold exactly {@code content}: creates it (and its directory) with {@code mode} when
     * missing, rewrites it with a backup when different, leaves it alone when equal. Returns whether it changed.
     */
    public boolean ensure(String path, String content, String mode) throws RemoteException {
        String script = """
                set -e
                mkdir -p -- "$(dirname -- "$1")"
                t="$1.provisioner-tmp.$$"
                install -m "$3" /dev/null "$t"
                cat > "$t"
                if [ -f "$1" ]; then
                  if cmp -s -- "$t" "$1"; then rm -f -- "$t"; exit 0; fi
                  b="$2"; n=1; while [ -e "$b" ]; do b="$2.$n"; n=$((n+1)); done
                  cp -p -- "$1" "$b"
                  chmod --reference="$1" -- "$t"; chown --reference="$1" -- "$t"
                fi
                mv -f -- "$t" "$1"
                echo changed
                """;
        String backup = path + BACKUP_SUFFIX + STAMP.format(clock.instant());
        CommandResult result = shell.run(RemoteCommand.script(script, path, backup, mode).withStdin(content).asRoot());
        if (!result.ok()) {
            throw new RemoteException(RemoteFailure.IO, shell.host(), "cannot write " + path + ": "
                    + result.firstErrorLine());
        }
        return result.stdout().contains("changed");
    }
}
