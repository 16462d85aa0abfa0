package io.provisioner.service.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The dashboard's files under {@code /web/} in the jar, read once and kept. */
final class WebResources {
    /** Names the asset handler serves: plain relative paths, no dot segments. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    /** The file's bytes, or empty when there is no such file or the name is not a plain relative path. */
    Optional<byte[]> read(String name) {
        if (!SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, WebResources::load);
    }

    /** A page template; it must ship in the jar. */
    String template(String name) {
        return read(name).map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("web/" + name + " missing from the jar"));
    }

    private static Optional<byte[]> load(String name) {
        try (InputStream in = WebResources.class.getResourceAsStream("/web/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web/" + name, e);
        }
    }
}
