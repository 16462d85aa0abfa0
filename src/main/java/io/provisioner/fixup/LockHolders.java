package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;
import io.provisioner.remote.RemoteShell;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the live processes that hold a lock on files (dpkg/apt use fcntl locks; flock(1) uses flock):
 * the kernel's lock table {@code /proc/locks} matched by inode, each candidate confirmed by device or
 * by an open descriptor on the file. A lock file nobody holds is not "held": dpkg locks die with their process.
 */
final class LockHolders {
    record Holder(String path, long pid, String command) {
        @Override
        public String toString() {
            return path + " is held by pid " + pid + " (" + command + ")";
        }
    }

    private static final String SCRIPT = """
            for f in "$@"; do
              [ -e "$f" ] || continue
              ino=$(stat -L -c %i -- "$f"); dev=$(stat -L -c %d -- "$f"); real=$(readlink -f -- "$f")
              key=$(printf '%02x:%02x:%d' $(( (dev>>8)&0xfff )) $(( (dev&0xff) | ((dev>>12)&0xfff00) )) "$ino")
              awk -v ino="$ino" '$2 != "->" { n=split($6, a, ":"); if (a[n] == ino) print $5, $6 }' /proc/locks |
              sort -u | while read -r pid id; do
                [ "$pid" -gt 0 ] 2>/dev/null && [ -d "/proc/$pid" ] || continue
                ok=0; [ "$id" = "$key" ] && ok=1
                for fd in /proc/$pid/fd/*; do [ "$(readlink -- "$fd" 2>/dev/null)" = "$real" ] && ok=1 && break; done
                [ $ok = 1 ] || continue
                cmd=$(tr '\\0' ' ' < /proc/$pid/cmdline 2>/dev/null | cut -c1-200)
                printf '%s\\t%s\\t%s\\n' "$f" "$pid" "${cmd:-?}"
              done
            done
            """;

    private LockHolders() {
    }

    static List<Holder> find(RemoteShell shell, List<String> paths) throws RemoteException {
        List<String> args = new ArrayList<>(List.of("bash", "-c", SCRIPT, "bash"));
        args.addAll(paths);
        CommandResult result = shell.run(new RemoteCommand(args, null, RemoteCommand.DEFAULT_TIMEOUT, true));
        if (!result.ok()) {
            throw new RemoteException(RemoteFailure.IO, shell.host(), "cannot read the lock table: "
                    + result.firstErrorLine());
        }
        List<Holder> out = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            String[] fields = line.split("\t", 3);
            if (fields.length == 3) {
                out.add(new Holder(fields[0], Long.parseLong(fields[1]), fields[2].strip()));
            }
        }
        return out;
    }
}
