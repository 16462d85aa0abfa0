package io.provisioner.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves a secret reference: {@code env:NAME} from the environment, {@code file:PATH} (relative to the
 * spec's directory, {@code ~} expanded, one trailing newline dropped), anything else is the literal value.
 */
final class SecretResolver {
    private final Map<String, String> env;
    private final Path baseDir;
    private final boolean lookUp;

    /** {@code lookUp} false: env: and file: references are checked for form only and {@link Secret#withheld}. */
    SecretResolver(Map<String, String> env, Path baseDir, boolean lookUp) {
        this.env = env;
        this.baseDir = baseDir;
        this.lookUp = lookUp;
    }

    /** The resolved secret; on failure throws IllegalArgumentException whose message says what to do. */
    Secret resolve(String reference) {
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + reference + "' is not a valid environment variable reference; "
                        + "write env:NAME with letters, digits and _");
            }
            if (!lookUp) {
                return Secret.withheld(reference);
            }
            String value = env.get(name);
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + name + " is not set; export " + name
                        + " before running, or write the value in the spec");
            }
            return new Secret(value, reference);
        }
        if (reference.startsWith("file:")) {
            if (!lookUp) {
                return Secret.withheld(reference);
            }
            Path path = expandHome(reference.substring(5), env);
            Path file = baseDir == null ? path : baseDir.resolve(path);
            try {
                String content = Files.readString(file);
                if (content.endsWith("\n")) {
                    content = content.substring(0, content.length() - 1);
                }
                if (content.endsWith("\r")) {
                    content = content.substring(0, content.length() - 1);
                }
                return new Secret(content, reference);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("secret file " + file + " does not exist; create it or fix the path");
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read secret file " + file + " (" + e.getClass().getSimpleName()
                        + "); check its permissions");
            }
        }
        return Secret.literal(reference);
    }

    static Path expandHome(String path, Map<String, String> env) {
        return Path.of(expandHomeText(path, env));
    }

    static String expandHomeText(String path, Map<String, String> env) {
        if (path.equals("~") || path.startsWith("~/")) {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            return home + path.substring(1);
        }
        return path;
    }
}
