package io.provisioner.service.run;

import io.provisioner.spec.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The service's one door into the sandbox: starts simulated hosts for a run and points its spec at them,
 * exactly as {@code deploy --sandbox} does. In the build's class path {@link ClasspathSandbox} is it; the
 * packaged {@code serve} passes one that loads provisioner-sandbox.jar (the sandbox ships apart).
 */
public interface SandboxLauncher {

    /**
     * Starts the lab as {@code deploy --sandbox} does: one simulated host per host of {@code spec} and a loopback
     * stand-in for each proxy it names, or, with no spec of the run's own (null), the built-in spec with
     * {@code hosts} hosts. An IllegalArgumentException names a bad option or a spec the sandbox cannot stand in
     * for; an IOException is a failed start. The spec's {@code env:} secrets resolve from {@code env} (the
     * service's, as for its other runs).
     */
    SandboxRun start(Spec spec, int hosts, String era, Set<String> faults, Map<String, String> env) throws IOException;

    /** Checks what can be checked without the sandbox's classes; an IllegalArgumentException says what is wrong. */
    static void check(SandboxRequest request) {
        if (request.hosts() < 1 || request.hosts() > 16) {
            throw new IllegalArgumentException("sandbox hosts must be 1..16, got " + request.hosts());
        }
        if (!"current".equals(request.era()) && !"2016".equals(request.era())) {
            throw new IllegalArgumentException("sandbox era must be 'current' or '2016', got '" + request.era() + "'");
        }
    }

    /**
     * A started lab: the spec that points at the simulated hosts (and proxy stand-ins), the lab's directory, and
     * how to stop its hosts ({@link #close()}; a running deploy against them then fails fast).
     */
    record SandboxRun(Spec spec, Path root, Runnable stop) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }
}
