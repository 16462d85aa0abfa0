package io.provisioner.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the processes a sandbox host started, including detached ones (setsid, nohup) that are no longer
 * anyone's descendants: every one carries the host's SIM_ROOT in its environment.
 */
final class HostProcesses {
    private HostProcesses() {
    }

    static List<ProcessHandle> of(Path root) {
        byte[] marker = ("SIM_ROOT=" + root + "\0").getBytes(StandardCharsets.UTF_8);
        List<ProcessHandle> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                try {
                    byte[] environ = Files.readAllBytes(dir.resolve("environ"));
                    if (contains(environ, marker)) {
                        ProcessHandle.of(pid).ifPresent(found::add);
                    }
                } catch (IOException | SecurityException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /** Terminates the host's processes, waiting briefly, then kills what is left. */
    static void stop(Path root) {
        List<ProcessHandle> processes = of(root);
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + 2_000_000_000L;
        for (ProcessHandle process : processes) {
            while (process.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
