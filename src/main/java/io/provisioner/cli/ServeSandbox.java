package io.provisioner.cli;

import io.provisioner.service.run.SandboxLauncher;
import io.provisioner.spec.Spec;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** The sandbox for {@code serve}'s sandbox runs, loaded from provisioner-sandbox.jar on first use. */
final class ServeSandbox implements SandboxLauncher {
    private volatile SandboxRuntime runtime;

    @Override
    public SandboxRun start(Spec spec, int hosts, String era, Set<String> faults, Map<String, String> env)
            throws IOException {
        SandboxRuntime.Session session;
        try {
            session = runtime().startFor(spec, hosts, era, faults, false, env);
        } catch (UserError e) {
            throw new IOException(e.getMessage(), e);
        }
        return new SandboxRun(session.spec(), session.root(), session::close);
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
