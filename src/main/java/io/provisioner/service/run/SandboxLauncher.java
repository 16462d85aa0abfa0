package io.provisioner.service.run;

import io.provisioner.sandbox.SandboxLab;
import io.provisioner.sandbox.SandboxOptions;
import io.provisioner.sandbox.SandboxSpec;
import io.provisioner.spec.Spec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The service's one door into the sandbox: starts simulated hosts for a run and points its spec at them,
 * exactly as {@code deploy --sandbox} does. The lab lives in this process and is closed with the run.
 */
public final class SandboxLauncher {

    /** Checks the options without starting anything; an IllegalArgumentException says what is wrong. */
    public static void check(SandboxRequest request) {
        options(request, null);
    }

    public SandboxRun start(SandboxRequest request, Path baseDir) throws IOException {
        SandboxLab lab = SandboxLab.start(options(request, baseDir));
        return new SandboxRun(lab);
    }

    private static SandboxOptions options(SandboxRequest request, Path baseDir) {
        return new SandboxOptions(request.hosts(), request.era(), request.faults(), baseDir, false);
    }

    /** A started lab; {@link #close()} stops its hosts (a running deploy against them then fails fast). */
    public static final class SandboxRun implements AutoCloseable {
        private final SandboxLab lab;

        private SandboxRun(SandboxLab lab) {
            this.lab = lab;
        }

        /** The spec with its hosts replaced by the lab's (the first host's settings are the template). */
        public Spec pointAt(Spec base) {
            return SandboxSpec.replaceHosts(base, lab, lab.root().resolve("sandbox.yaml"));
        }

        public Path root() {
            return lab.root();
        }

        @Override
        public void close() {
            lab.close();
        }
    }
}
