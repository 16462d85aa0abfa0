package io.provisioner.cli;

import io.provisioner.sandbox.ProxyStandIns;
import io.provisioner.sandbox.SandboxFault;
import io.provisioner.sandbox.SandboxOptions;
import io.provisioner.sandbox.SandboxSession;
import io.provisioner.spec.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox behind {@link SandboxRuntime}. It ships in provisioner-sandbox.jar, not in provisioner.jar, and
 * is created by {@link SandboxLoader} by name: public, with a public constructor, because it is loaded by
 * another class loader than the rest of this package.
 */
public final class EmbeddedSandbox implements SandboxRuntime {

    @Override
    public List<String> faultNames() {
        return java.util.Arrays.stream(SandboxFault.values()).map(SandboxFault::label).toList();
    }

    @Override
    public Session startFor(Spec userSpec, int hosts, String era, Set<String> faults, boolean keep,
                            Map<String, String> env) throws IOException {
        SandboxSession session = SandboxSession.start(userSpec, new SandboxOptions(hosts, era, faults, null, keep),
                ProxyStandIns.Kind.TINYPROXY_OR_JVM, env);
        return new Session() {
            @Override
            public Path root() {
                return session.lab().root();
            }

            @Override
            public Spec spec() {
                return session.spec();
            }

            @Override
            public Path specFile() {
                return session.specFile();
            }

            @Override
            public List<String> describe() {
                return session.describe();
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }
}
