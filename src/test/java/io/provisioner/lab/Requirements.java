package io.provisioner.lab;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a real-component test needs from the machine. On a laptop without the package (or without
 * root) the test is skipped with the reason; when {@code CI=true} a missing component fails the test,
 * so CI can never go green by skipping.
 */
public final class Requirements {
    private Requirements() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, in CI, fails) unless {@code condition} holds. */
    public static void require(boolean condition, String what) {
        if (condition) {
            return;
        }
        String msg = "missing lab component: " + what + " (scripts/test.sh installs it when run as root)";
        if (inCi()) {
            throw new AssertionError(msg + "; CI=true turns a missing component into a failure");
        }
        Assumptions.abort(msg);
    }

    public static void requireExecutable(String path) {
        require(Files.isExecutable(Path.of(path)), path);
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static void requireRoot(String why) {
        require(isRoot(), "root (" + why + ")");
    }
}
