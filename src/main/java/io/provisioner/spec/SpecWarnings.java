package io.provisioner.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * What is valid but probably not meant: a compute host that enables controller-only services (DevStack would
 * run a second Keystone, database or API there). {@code validate} prints these; {@code plan} lists them per host.
 */
public final class SpecWarnings {
    private SpecWarnings() {
    }

    public static List<String> of(Spec spec) {
        List<String> warnings = new ArrayList<>();
        for (Host host : spec.executionOrder()) {
            warnings.addAll(of(host));
        }
        return warnings;
    }

    public static List<String> of(Host host) {
        if (host.isController()) {
            return List.of();
        }
        List<String> controllerOnly = ComputeServices.controllerOnly(host);
        if (controllerOnly.isEmpty()) {
            return List.of();
        }
        return List.of(host.name() + ": compute host enables controller-only services " + String.join(", ", controllerOnly)
                + " (services.enable); DevStack would run them on " + host.name() + " too: remove them, or make it"
                + " the controller");
    }
}
