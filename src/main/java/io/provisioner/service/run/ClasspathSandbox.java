package io.provisioner.service.run;

import io.provisioner.sandbox.SandboxLab;
import io.provisioner.sandbox.SandboxOptions;
import io.provisioner.sandbox.SandboxSpec;
import io.provisioner.spec.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** The sandbox when its classes are on this class path (tests, an IDE); the lab lives in this process. */
public final class ClasspathSandbox implements SandboxLauncher {
    @Override
    public SandboxRun start(int hosts, String era, Set<String> faults) throws IOException {
        SandboxLab lab = SandboxLab.start(new SandboxOptions(hosts, era, faults, null, false));
        return new SandboxRun() {
            @Override
            public Spec pointAt(Spec base) {
                return SandboxSpec.replaceHosts(base, lab, lab.root().resolve("sandbox.yaml"));
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
}
