package io.provisioner.cli;

import io.provisioner.service.run.SandboxLauncher;
import io.provisioner.spec.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** The sandbox for {@code serve}'s sandbox runs, loaded from provisioner-sandbox.jar on first use. */
final class ServeSandbox implements SandboxLauncher {
    private volatile SandboxRuntime runtime;

    @Override
    public SandboxRun start(int hosts, String era, Set<String> faults) throws IOException {
        SandboxRuntime.Lab lab;
        try {
            lab = runtime().start(hosts, era, faults, false);
        } catch (UserError e) {
            throw new IOException(e.getMessage(), e);
        }
        return new SandboxRun() {
            @Override
            public Spec pointAt(Spec base) {
                return lab.withLabHosts(base, lab.root().resolve("sandbox.yaml"));
            }

            @Override
            public Path root() {
                return lab.root();
            }

            @Override
            public void close() {
                lab.close();
            }
        };
    }

    private SandboxRuntime runtime() {
        SandboxRuntime current = runtime;
        if (current == null) {
            current = SandboxLoader.load();
            runtime = current;
        }
        return current;
    }
}
