package io.provisioner.devstack;

import java.util.List;

/**
 * The order in which stack.sh goes through the phases {@link PhaseTracker} reports (install, configure,
 * initialise, start; see stack.sh's own sequence), so a live display can say how far a run has come. A
 * position in this order, not a share of the time: phases of services that are not enabled are skipped.
 */
public final class PhaseOrder {
    private static final List<String> ORDER = List.of(
            "Starting stack.sh", "Installing package prerequisites", "Installing pip", "Installing RabbitMQ",
            "Installing etcd3", "Installing OpenStack project source",
            "Installing Keystone", "Configuring Keystone", "Installing Swift", "Configuring Swift",
            "Installing Glance", "Configuring Glance", "Installing Cinder", "Configuring Cinder",
            "Installing Neutron", "Configuring Neutron", "Installing Nova", "Configuring Nova",
            "Configuring placement", "Installing Horizon", "Configuring Horizon", "Configuring and starting MySQL",
            "Installing dstat", "Initializing Keystone", "Starting Keystone", "Creating Keystone accounts",
            "Initializing Glance", "Initializing Neutron", "Initializing Cinder", "Initializing Placement",
            "Initializing Nova", "Starting rsyslog", "Starting Swift", "Starting Nova API", "Starting OVN services",
            "Starting Neutron", "Starting Placement", "Creating initial neutron network elements", "Starting Nova",
            "Starting Cinder", "Starting Glance", "Uploading images", "Starting Horizon", "Installing Tempest",
            "Initializing Tempest", "Configuring Tempest", "Starting Tempest", "Finishing", "Completed");

    private PhaseOrder() {
    }

    /**
     * How far into stack.sh this phase lies, 0.0 to 1.0; -1 for a phase outside the known order (a plugin's,
     * "Updating package lists", which recurs).
     */
    public static double position(String phase) {
        int index = phase == null ? -1 : ORDER.indexOf(phase);
        return index < 0 ? -1 : (double) index / (ORDER.size() - 1);
    }
}
