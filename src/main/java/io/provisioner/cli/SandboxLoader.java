package io.provisioner.cli;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Finds the sandbox. From the build's class path (tests, an IDE) it is there already; from the shaded
 * provisioner.jar it is provisioner-sandbox.jar next to it, opened in a child class loader of its own, so
 * MINA SSHD is on no other command's class path.
 */
final class SandboxLoader {
    static final String JAR_NAME = "provisioner-sandbox.jar";
    private static final String IMPLEMENTATION = "io.provisioner.cli.EmbeddedSandbox";

    private SandboxLoader() {
    }

    static SandboxRuntime load() {
        ClassLoader own = SandboxLoader.class.getClassLoader();
        ClassLoader loader = own.getResource(IMPLEMENTATION.replace('.', '/') + ".class") != null ? own
                : new URLClassLoader("sandbox", new URL[]{sandboxJar()}, own);
        try {
            return Class.forName(IMPLEMENTATION, true, loader).asSubclass(SandboxRuntime.class)
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UserError(ExitCodes.FAILED, "cannot load the sandbox from " + JAR_NAME + ": " + e);
        }
    }

    /** provisioner-sandbox.jar beside the jar this class came from. */
    private static URL sandboxJar() {
        CodeSource source = SandboxLoader.class.getProtectionDomain().getCodeSource();
        try {
            Path jar = source == null ? null : Path.of(source.getLocation().toURI()).resolveSibling(JAR_NAME);
            if (jar == null || !Files.isRegularFile(jar)) {
                throw new UserError(ExitCodes.FAILED, "--sandbox needs " + JAR_NAME + " next to provisioner.jar"
                        + (jar == null ? "" : " (" + jar + ")") + "; build both with ./mvnw package");
            }
            return jar.toUri().toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new UserError(ExitCodes.FAILED, "cannot find " + JAR_NAME + ": " + e.getMessage());
        }
    }
}
