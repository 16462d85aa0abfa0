package io.provisioner.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The simulator tree and the stand-ins, shipped as classpath resources and listed in {@code manifest.txt}
 * (a jar cannot be listed; the manifest also carries the executable bit, which resources lose).
 */
final class SimulatorFiles {
    private static final String BASE = "/io/provisioner/sandbox/";

    record Entry(String path, boolean executable) {
    }

    private SimulatorFiles() {
    }

    static List<Entry> manifest() {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = open("manifest.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.length() > 2) {
                    entries.add(new Entry(line.substring(2), line.charAt(0) == 'x'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /**
     * Copies the entries under {@code prefix} (e.g. "devstack/") to {@code target}; {@code edit} may
     * rewrite a file's text (path relative to the prefix, content) before it is written.
     */
    static void extract(String prefix, Path target, Editor edit) throws IOException {
        for (Entry entry : manifest()) {
            if (!entry.path().startsWith(prefix)) {
                continue;
            }
            String relative = entry.path().substring(prefix.length());
            Path file = target.resolve(relative);
            Files.createDirectories(file.getParent());
            byte[] bytes;
            try (InputStream in = open(entry.path())) {
                bytes = in.readAllBytes();
            }
            String text = edit.apply(relative, new String(bytes, StandardCharsets.UTF_8));
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                    entry.executable() ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    /** Rewrites one file's text on extraction. */
    interface Editor {
        String apply(String relativePath, String content);

        static Editor none() {
            return (path, content) -> content;
        }

        static Editor forFile(String name, UnaryOperator<String> change) {
            return (path, content) -> path.equals(name) ? change.apply(content) : content;
        }
    }

    private static InputStream open(String path) throws IOException {
        InputStream in = SimulatorFiles.class.getResourceAsStream(BASE + path);
        if (in == null) {
            throw new IOException("sandbox resource missing from the build: " + BASE + path);
        }
        return in;
    }
}
