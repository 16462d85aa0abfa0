package io.provisioner.devstack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEndpointsTest {
    @Test
    void currentTreeUsesApachePaths() {
        List<String> t = ServiceEndpoints.targets(List.of("key", "n-api", "placement-api", "g-api", "c-api", "q-svc",
                "horizon", "mysql", "rabbit", "etcd3"), Era.CURRENT, "10.0.0.15");
        assertThat(t).containsExactly("http://10.0.0.15/identity/v3", "http://10.0.0.15/compute/v2.1",
                "http://10.0.0.15/placement", "http://10.0.0.15/image", "http://10.0.0.15/volume/v3",
                "http://10.0.0.15/networking", "http://10.0.0.15/dashboard", "mysql://10.0.0.15:3306",
                "amqp://10.0.0.15:5672", "tcp://10.0.0.15:2379");
    }

    @Test
    void legacyTreeUsesPorts() {
        List<String> t = ServiceEndpoints.targets(List.of("key", "n-api", "g-api", "g-reg", "c-api", "q-svc", "n-net",
                "horizon", "mysql", "rabbit", "tempest"), Era.LEGACY_2016, "10.10.105.71");
        assertThat(t).containsExactly("http://10.10.105.71:5000/v2.0", "http://10.10.105.71:35357/v2.0",
                "http://10.10.105.71:8774", "http://10.10.105.71:9292", "tcp://10.10.105.71:9191",
                "http://10.10.105.71:8776", "http://10.10.105.71:9696", "http://10.10.105.71/dashboard",
                "mysql://10.10.105.71:3306", "amqp://10.10.105.71:5672");
    }

    @Test
    void bracketsIpv6AndDropsDuplicates() {
        assertThat(ServiceEndpoints.targets(List.of("mysql", "mysql", " "), Era.CURRENT, "fd00::5"))
                .containsExactly("mysql://[fd00::5]:3306");
        assertThat(ServiceEndpoints.endpoints(List.of("key"), Era.CURRENT, "h"))
                .containsExactly(new ServiceEndpoint("key", "http://h/identity/v3"));
    }
}
