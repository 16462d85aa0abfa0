package io.provisioner.deploy;

import io.provisioner.devstack.EnabledServices;
import io.provisioner.devstack.Era;
import io.provisioner.devstack.ServiceEndpoints;
import io.provisioner.probe.ProbeResult;
import io.provisioner.probe.ProbeTarget;
import io.provisioner.probe.Sweep;
import io.provisioner.remote.RemoteProbe;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.ComputeServices;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Proves a finished stack.sh: probes every enabled service's endpoint for the DevStack era, from the
 * provisioner, never through a proxy (as DevStack's own wait loop does not).
 */
final class Verifier {
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** The controller's MySQL and RabbitMQ. */
    static final List<ProbeTarget.Protocol> CONTROLLER_SERVICES_A_COMPUTE_USES = List.of(ProbeTarget.Protocol.MYSQL,
            ProbeTarget.Protocol.AMQP);

    private Verifier() {
    }

    static List<ProbeResult> verify(Spec spec, Host host, StackOutcome outcome, RemoteShell shell) {
        String hostIp = outcome.facts().getOrDefault("host_ip", host.hostIp());
        List<ProbeTarget> targets = new ArrayList<>();
        String apache = apacheBase(outcome.facts().get("keystone_url"));
        for (String target : ServiceEndpoints.targets(enabledServices(spec, host, outcome), outcome.era(), hostIp)) {
            targets.add(ProbeTarget.parse(rebase(target, hostIp, apache)));
        }
        List<ProbeResult> probes = new ArrayList<>(Sweep.run(targets, PROBE_TIMEOUT, 16));
        probes.addAll(fromTheComputeHost(spec, host, shell));
        return probes;
    }

    /**
     * A compute host's nova-compute and agents talk to the controller's MySQL and RabbitMQ (its local.conf's
     * MYSQL_HOST, RABBIT_HOST): whether they answer is a question of the compute host's network, not the
     * provisioner's, so these are probed from the compute host itself.
     */
    static List<ProbeResult> fromTheComputeHost(Spec spec, Host host, RemoteShell shell) {
        Host controller = spec.controller().orElse(null);
        if (host.isController() || controller == null || controller.hostIp() == null) {
            return List.of(); // no SERVICE_HOST was rendered: the compute host points at nothing to probe
        }
        String controllerIp = controller.hostIp();
        List<ProbeResult> probes = new ArrayList<>();
        for (ProbeTarget.Protocol service : CONTROLLER_SERVICES_A_COMPUTE_USES) {
            probes.add(RemoteProbe.probe(shell, ProbeTarget.of(service, controllerIp, service.defaultPort()),
                    PROBE_TIMEOUT));
        }
        return probes;
    }

    /** What the host runs as rendered: a compute host its compute set, otherwise DevStack's defaults and the host's lists. */
    static List<String> enabledServices(Spec spec, Host host, StackOutcome outcome) {
        return enabledServices(spec, host, outcome.era());
    }

    /** The services the rendered local.conf enables on {@code host}: a compute host's set, or the spec's lists. */
    static List<String> enabledServices(Spec spec, Host host, Era era) {
        // the renderer writes the compute set only when it knows the controller's address (SERVICE_HOST)
        if (!host.isController() && spec.controller().isPresent() && spec.controller().get().hostIp() != null) {
            return ComputeServices.of(host, spec.controller().get());
        }
        return EnabledServices.of(era, host.services().enable(), host.services().disable());
    }

    /**
     * Where DevStack's Apache serves, as its closing summary says ("Keystone is serving at
     * http://IP/identity/"): scheme and authority, or null. A TLS proxy or a non-default port then
     * moves every Apache path with it, instead of being probed where it is not.
     */
    static String apacheBase(String keystoneUrl) {
        if (keystoneUrl == null || keystoneUrl.isBlank()) {
            return null;
        }
        try {
            java.net.URI uri = java.net.URI.create(keystoneUrl.trim());
            // only the current tree serves Keystone under Apache's /identity; 2016's :5000 is Keystone's own
            boolean underApache = uri.getPath() != null && uri.getPath().startsWith("/identity");
            return uri.getScheme() == null || uri.getRawAuthority() == null || !underApache ? null
                    : uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    static String rebase(String target, String hostIp, String apache) {
        String plain = "http://" + hostIp + "/";
        return apache != null && target.startsWith(plain) ? apache + target.substring(plain.length() - 1) : target;
    }

    static String unhealthy(List<ProbeResult> probes) {
        return probes.stream().filter(probe -> !probe.outcome().isHealthy())
                .map(probe -> probe.target() + " " + probe.outcome().label()).collect(Collectors.joining(", "));
    }
}
