package io.provisioner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The apt-lock fault: a process that holds the dpkg frontend lock (a real flock) the way
 * unattended-upgrades does, until it is stopped ({@code systemctl stop unattended-upgrades} or killing
 * the pid apt names), the lab closes, or it finishes: some 3 s after an apt-get has met the lock.
 */
final class AptLockHolder {
    private AptLockHolder() {
    }

    static Process start(Path root, Map<String, String> env) throws IOException {
        Path lock = root.resolve("var/lib/dpkg/lock-frontend");
        Path pidFile = root.resolve("run/sim/apt-lock.pid");
        Files.createDirectories(pidFile.getParent());
        Path met = root.resolve("run/sim/apt-lock.met");
        // holds the lock until an apt-get has met it, then finishes a few seconds later (the fix-up waits)
        String script = "exec 9>\"$1\"; flock -x 9; echo $$ > \"$2\"; "
                + "for _ in $(seq 1 36000); do [ -e \"$3\" ] && break; sleep 0.1; done; exec -a unattended-upgr sleep 3";
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", "-c", script, "apt-lock", lock.toString(),
                pidFile.toString(), met.toString())).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(pidFile) || Files.size(pidFile) == 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("the apt lock holder did not start");
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
