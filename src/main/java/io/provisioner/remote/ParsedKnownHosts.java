package io.provisioner.remote;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A known_hosts file as JSch reads it, parsed once per process while the file stays the same (same
 * inode, size and modification time) and shared by every session that names it. Each session used to
 * parse the whole file again: a 50-host fleet with a 50-line known_hosts parsed 2 500 lines, 1.4 ms of
 * CPU per connect. Sessions only read it ({@link PolicyHostKeyRepository} records new keys in the file,
 * never in this copy; a recorded key changes the file, so the next session parses it again); JSch's
 * lookups lock the parsed list, so concurrent sessions may share it.
 */
final class ParsedKnownHosts {
    private record Parsed(Object fileKey, long size, long modified, HostKeyRepository repository) {
        boolean describes(BasicFileAttributes attributes) {
            return Objects.equals(fileKey, attributes.fileKey()) && size == attributes.size()
                    && modified == attributes.lastModifiedTime().toMillis();
        }
    }

    private static final Map<Path, Parsed> FILES = new ConcurrentHashMap<>();

    private ParsedKnownHosts() {
    }

    /** The file's host keys; an empty repository when it does not exist (JSch's default). */
    static HostKeyRepository of(Path file) throws JSchException {
        Path abs = file.toAbsolutePath().normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(abs, BasicFileAttributes.class);
        } catch (IOException missing) {
            return new JSch().getHostKeyRepository();
        }
        BasicFileAttributes now = attributes;
        try {
            // one parse per file even when fifty sessions start at once: the others wait for it and share it
            return FILES.compute(abs, (path, known) -> known != null && known.describes(now) ? known : parse(path, now))
                    .repository();
        } catch (UncheckedJSchException e) {
            throw e.cause;
        }
    }

    private static Parsed parse(Path file, BasicFileAttributes attributes) {
        JSch jsch = new JSch();
        try {
            jsch.setKnownHosts(file.toString());
        } catch (JSchException e) {
            throw new UncheckedJSchException(e);
        }
        return new Parsed(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime().toMillis(),
                jsch.getHostKeyRepository());
    }

    private static final class UncheckedJSchException extends RuntimeException {
        private final JSchException cause;

        UncheckedJSchException(JSchException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
