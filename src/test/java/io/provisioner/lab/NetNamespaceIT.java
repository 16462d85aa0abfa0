package io.provisioner.lab;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class NetNamespaceIT {

    @Test
    void vethPairConnectsRootAndNamespaceAndIsRemovedOnClose() {
        String name;
        try (NetNamespace ns = NetNamespace.create()) {
            name = ns.name();
            assertThat(ns.exec("ip", "-4", "addr", "show", "pv0").output()).contains(ns.address() + "/28");
            // inside: refused from the host end (nothing listens), unreachable outside the subnet
            assertThat(ns.exec(Duration.ofSeconds(10), "bash", "-c", "exec 3<>/dev/tcp/" + ns.hostAddress() + "/9")
                    .output()).contains("Connection refused");
            assertThat(ns.exec(Duration.ofSeconds(10), "bash", "-c", "exec 3<>/dev/tcp/" + ns.unroutedAddress() + "/9")
                    .output()).contains("Network is unreachable");
            ns.unplug();
            assertThat(ns.exec(Duration.ofSeconds(10), "bash", "-c", "exec 3<>/dev/tcp/" + ns.hostAddress() + "/9")
                    .ok()).isFalse();
            ns.plugIn();
        }
        assertThat(NetNamespace.run(java.util.List.of("ip", "netns", "list"), Duration.ofSeconds(5)).output())
                .doesNotContain(name);
    }
}
