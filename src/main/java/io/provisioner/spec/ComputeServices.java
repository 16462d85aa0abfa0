package io.provisioner.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a compute host runs: DevStack's multi-node compute set (doc/source/guides/multinode-lab.rst,
 * "Configure Compute Nodes"), never DevStack's all-in-one default. {@code n-cpu} and
 * {@code placement-client}; the network agent matching the controller's Neutron choice (OVN, DevStack's
 * default: {@code ovn-controller}, {@code ovs-vswitchd}, {@code ovsdb-server}, {@code q-ovn-metadata-agent};
 * ML2 with Open vSwitch or Linux bridge: {@code q-agt}); {@code c-vol} when the controller runs Cinder.
 * The host's own {@code services.enable} is added, its {@code services.disable} taken away.
 */
public final class ComputeServices {
    /** Services that belong on the controller only: a compute host enabling one is warned about. */
    public static final Set<String> CONTROLLER_ONLY = Set.of("key", "keystone", "mysql", "rabbit", "n-api", "n-api-meta",
            "n-sch", "n-cond", "n-super-cond", "n-novnc", "n-spice", "g-api", "g-reg", "c-api", "c-sch", "q-svc",
            "neutron-api", "placement-api", "horizon", "ovn-northd", "etcd3", "tempest", "s-proxy");
    private static final List<String> OVN_AGENT = List.of("ovn-controller", "ovs-vswitchd", "ovsdb-server",
            "q-ovn-metadata-agent");
    private static final Set<String> ML2_AGENTS = Set.of("openvswitch", "linuxbridge");

    private ComputeServices() {
    }

    /** The ENABLED_SERVICES of a compute host, in DevStack's guide's order. */
    public static List<String> of(Host compute, Host controller) {
        Set<String> services = new LinkedHashSet<>(List.of("n-cpu", "placement-client"));
        services.addAll(networkAgent(controller));
        if (cinderOn(controller)) {
            services.add("c-vol");
        }
        services.addAll(compute.services().enable());
        compute.services().disable().forEach(services::remove);
        return List.copyOf(services);
    }

    /** The controller-only services this compute host's spec enables (each one a warning). */
    public static List<String> controllerOnly(Host compute) {
        List<String> found = new ArrayList<>();
        for (String service : compute.services().enable()) {
            if (CONTROLLER_ONLY.contains(service)) {
                found.add(service);
            }
        }
        return found;
    }

    private static List<String> networkAgent(Host controller) {
        String agent = controller.localrc().getOrDefault("Q_AGENT", "");
        boolean ml2 = ML2_AGENTS.contains(agent) || (agent.isEmpty() && controller.services().enable().contains("q-agt"));
        return ml2 ? List.of("q-agt") : OVN_AGENT;
    }

    private static boolean cinderOn(Host controller) {
        List<String> disabled = controller.services().disable();
        return !disabled.contains("cinder") && !disabled.contains("c-api") && !disabled.contains("c-vol");
    }
}
