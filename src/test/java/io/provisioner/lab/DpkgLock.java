package io.provisioner.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real lock held by a live process, the way a running apt/dpkg holds {@code /var/lib/dpkg/lock-frontend}:
 * {@code flock -x FILE sleep N} keeps an exclusive kernel lock until it exits or is closed.
 */
public final class DpkgLock implements AutoCloseable {
    private final ManagedProcess holder;

    private DpkgLock(ManagedProcess holder) {
        this.holder = holder;
    }

    public static DpkgLock hold(Path lockFile, Duration forHowLong) throws Exception {
        Requirements.requireExecutable("/usr/bin/flock");
        Files.createDirectories(lockFile.getParent());
        Path ready = lockFile.resolveSibling(lockFile.getFileName() + ".held");
        Files.deleteIfExists(ready);
        ManagedProcess p = ManagedProcess.start("flock", lockFile.resolveSibling("flock.log"),
                List.of("flock", "-x", lockFile.toString(), "bash", "-c",
                        "touch \"$0\"; exec sleep " + forHowLong.toSeconds(), ready.toString()));
        p.awaitFile(ready, Duration.ofSeconds(10));
        return new DpkgLock(p);
    }

    public long pid() {
        return holder.pid();
    }

    public boolean isAlive() {
        return holder.isAlive();
    }

    @Override
    public void close() {
        holder.close();
    }
}
