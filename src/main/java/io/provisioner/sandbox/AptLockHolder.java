package io.provisioner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The apt-lock fault: one unattended-upgrades run ({@code standins/_unattended-upgrade}, copied to the host's
 * {@code usr/bin/unattended-upgrade}) that holds the dpkg frontend lock in its own process, as the real one
 * does, so the kernel's lock table names a live holder with the file open. It ends by itself
 * {@link #LINGER_SECONDS} after an apt-get first met the lock (or after {@link #LONGEST_SECONDS} in any case),
 * when it is stopped ({@code systemctl stop unattended-upgrades} or killing the pid apt names), or when the lab
 * closes; nothing starts it again.
 */
final class AptLockHolder {
    /** How long the run goes on after an apt-get met its lock: long enough for the apt-lock fix-up to see and wait. */
    static final int LINGER_SECONDS = 8;
    /** The longest it holds the lock when no apt-get comes (a sandbox kept up for trying the runbook verbs). */
    static final int LONGEST_SECONDS = 900;

    private AptLockHolder() {
    }

    static Process start(Path root, Map<String, String> env) throws IOException {
        Path pidFile = root.resolve("run/sim/apt-lock.pid");
        Files.createDirectories(pidFile.getParent());
        Path program = root.resolve("usr/bin/unattended-upgrade");
        Files.createDirectories(program.getParent());
        Files.copy(Path.of(env.get("SIM_STANDINS"), "_unattended-upgrade"), program, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        ProcessBuilder builder = new ProcessBuilder(List.of(program.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        builder.environment().put("SIM_APT_LOCK_LINGER", String.valueOf(LINGER_SECONDS));
        builder.environment().put("SIM_APT_LOCK_LONGEST", String.valueOf(LONGEST_SECONDS));
        Process process = builder.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(pidFile) || Files.size(pidFile) == 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("the apt lock holder (" + program + ") did not start");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return process;
    }
}
