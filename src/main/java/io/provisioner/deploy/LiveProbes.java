package io.provisioner.deploy;

import io.provisioner.devstack.Era;
import io.provisioner.devstack.ServiceEndpoints;
import io.provisioner.probe.ProbeResult;
import io.provisioner.probe.ProbeTarget;
import io.provisioner.probe.Sweep;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

import java.util.List;

/** {@code status}'s live check: the endpoints of a host's last run, probed now (no proxy). */
public final class LiveProbes {
    private LiveProbes() {
    }

    /** The endpoints of what the host's local.conf enables: a compute host's are not the controller's. */
    public static List<ProbeResult> of(Spec spec, Host host, HostStatusView view) {
        Era era = Era.valueOf(view.data().getOrDefault("era", Era.CURRENT.name()));
        String hostIp = view.data().getOrDefault("host_ip", host.hostIp() != null ? host.hostIp() : host.address());
        List<ProbeTarget> targets = ServiceEndpoints.targets(Verifier.enabledServices(spec, host, era), era, hostIp).stream().map(ProbeTarget::parse).toList();
        return Sweep.run(targets, Verifier.PROBE_TIMEOUT, 16);
    }
}
