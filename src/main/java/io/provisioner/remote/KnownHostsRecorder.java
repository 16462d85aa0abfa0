package io.provisioner.remote;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds a line to known_hosts so that parallel connections (threads here, other processes elsewhere)
 * never lose each other's lines: an exclusive lock on {@code FILE.lock}, re-read, write a temp file,
 * rename over the original. A line already present is not added twice.
 */
final class KnownHostsRecorder {
    // FileChannel.lock is per process; threads of this JVM also need to take turns.
    private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private KnownHostsRecorder() {
    }

    static void append(Path file, String line) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        synchronized (IN_PROCESS.computeIfAbsent(abs, path -> new Object())) {
            Path dir = abs.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path lockFile = dir.resolve(abs.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                List<String> lines = Files.exists(abs) ? Files.readAllLines(abs, StandardCharsets.UTF_8) : new ArrayList<>();
                if (lines.contains(line)) {
                    return;
                }
                lines = new ArrayList<>(lines);
                lines.add(line);
                Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
                try {
                    Files.write(tmp, lines, StandardCharsets.UTF_8);
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }
}
