package io.provisioner.sandbox;

import io.provisioner.spec.DevstackSource;
import io.provisioner.spec.Host;
import io.provisioner.spec.HostKeyPolicy;
import io.provisioner.spec.Role;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SshSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec whose hosts are the sandbox's: every setting comes from the user's spec (its first host, defaults
 * merged), while the address, SSH identity, DevStack source and target paths are the simulated host's.
 * HOST_IP is left to DevStack's own autodetection, as on a real host whose spec names it by address.
 */
public final class SandboxSpec {
    private SandboxSpec() {
    }

    public static Spec replaceHosts(Spec base, SandboxLab lab, Path specFile) {
        Host template = base.executionOrder().get(0);
        List<Host> hosts = new ArrayList<>();
        for (int i = 0; i < lab.hosts().size(); i++) {
            SandboxHost simulated = lab.hosts().get(i);
            SshSettings ssh = new SshSettings(simulated.user(), simulated.port(), lab.identityFile().toString(), null,
                    lab.knownHostsFile().toString(), HostKeyPolicy.STRICT, null);
            hosts.add(new Host(simulated.name(), simulated.address(), i == 0 ? Role.CONTROLLER : Role.COMPUTE, null, ssh,
                    new DevstackSource(simulated.devstackRepo(), template.devstack().ref(), simulated.devstackDir()),
                    template.proxy(),
                    template.gitBase(), template.passwords(), template.services(), template.plugins(),
                    template.localrc(), template.localConf(), template.fixups(), template.retries(),
                    template.timeouts(), simulated.paths()));
        }
        return new Spec(specFile, List.copyOf(hosts));
    }
}
