package io.provisioner.service.run;

import io.provisioner.spec.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The service's one door into the sandbox: starts simulated hosts for a run and points its spec at them,
 * exactly as {@code deploy --sandbox} does. In the build's class path {@link ClasspathSandbox} is it; the
 * packaged {@code serve} passes one that loads provisioner-sandbox.jar (the sandbox ships apart).
 */
public interface SandboxLauncher {

    /** Starts the lab; an IllegalArgumentException names a bad option, an IOException a failed start. */
    SandboxRun start(int hosts, String era, Set<String> faults) throws IOException;

    /** Checks what can be checked without the sandbox's classes; an IllegalArgumentException says what is wrong. */
    static void check(SandboxRequest request) {
        if (request.hosts() < 1 || request.hosts() > 16) {
            throw new IllegalArgumentException("sandbox hosts must be 1..16, got " + request.hosts());
        }
        if (!"current".equals(request.era()) && !"2016".equals(request.era())) {
            throw new IllegalArgumentException("sandbox era must be 'current' or '2016', got '" + request.era() + "'");
        }
    }

    /** A started lab; {@link #close()} stops its hosts (a running deploy against them then fails fast). */
    interface SandboxRun extends AutoCloseable {
        /** The spec with its hosts replaced by the lab's. */
        Spec pointAt(Spec base);

        Path root();

        @Override
        void close();
    }
}
