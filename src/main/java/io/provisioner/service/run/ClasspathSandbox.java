package io.provisioner.service.run;

import io.provisioner.sandbox.ProxyStandIns;
import io.provisioner.sandbox.SandboxOptions;
import io.provisioner.sandbox.SandboxSession;
import io.provisioner.spec.Spec;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** The sandbox when its classes are on this class path (tests, an IDE); the lab lives in this process. */
public final class ClasspathSandbox implements SandboxLauncher {
    @Override
    public SandboxRun start(Spec spec, int hosts, String era, Set<String> faults, Map<String, String> env)
            throws IOException {
        SandboxSession session = SandboxSession.start(spec, new SandboxOptions(hosts, era, faults, null, false),
                ProxyStandIns.Kind.TINYPROXY_OR_JVM, env);
        return new SandboxRun(session.spec(), session.lab().root(), session::close);
    }
}
