package io.provisioner.render;

import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NoProxyListTest {
    @TempDir
    Path dir;

    private Spec spec(String hosts, String noProxy) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "version: 1\ndefaults:\n  passwords: {admin: a1, database: d1, rabbit: r1, service: s1}\n"
                + "  proxy: {http: 'http://10.9.9.9:3128', no_proxy: " + noProxy + "}\nhosts:\n" + hosts);
        return SpecLoader.load(f, Map.of());
    }

    @Test
    void holdsLocalhostEveryHostAndServiceHostThenExtrasWithoutDuplicates() throws IOException {
        Spec spec = spec("  - {name: ctl, address: ctl.lab, host_ip: 10.0.0.1, role: controller}\n"
                + "  - {name: cpu, address: 10.0.0.2, role: compute}\n", "[repo.lab, 10.0.0.2]");
        List<String> list = NoProxyList.compute(spec, spec.host("cpu").orElseThrow(), List.of("10.0.0.77", "10.0.0.1"));
        assertThat(list).containsExactly("localhost", "127.0.0.1", "::1", "ctl.lab", "ctl", "10.0.0.1", "10.0.0.2",
                "cpu", "repo.lab", "10.0.0.77");
    }

    @Test
    void localAddressIsNotAnEntry() throws IOException {
        Spec spec = spec("  - {name: me, address: local}\n", "[]");
        assertThat(NoProxyList.compute(spec, spec.hosts().get(0))).containsExactly("localhost", "127.0.0.1", "::1", "me");
    }

    @Test
    void warnsPastTheLengthLimit() throws IOException {
        StringBuilder hosts = new StringBuilder("  - {name: h0, address: 10.1.0.0, role: controller}\n");
        for (int i = 1; i < 90; i++) {
            hosts.append("  - {name: host-number-").append(i).append(", address: 10.1.").append(i / 250).append('.')
                    .append(i % 250).append("}\n");
        }
        Spec spec = spec(hosts.toString(), "[]");
        List<String> list = NoProxyList.compute(spec, spec.hosts().get(0));
        assertThat(NoProxyList.join(list).length()).isGreaterThan(NoProxyList.WARN_LENGTH);
        assertThat(NoProxyList.lengthWarning("h0", list)).get().asString().contains("over 1024");
        assertThat(NoProxyList.lengthWarning("h0", List.of("localhost"))).isEmpty();
    }
}
