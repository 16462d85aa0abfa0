package io.provisioner.render;

import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

/** DevStack's SERVICE_HOST for a host: the controller's HOST_IP (null when unknown: DevStack then uses HOST_IP). */
final class ServiceHost {
    private ServiceHost() {
    }

    static String of(Spec spec, Host host) {
        Host controller = spec.controller().orElse(host);
        return controller.hostIp();
    }
}
