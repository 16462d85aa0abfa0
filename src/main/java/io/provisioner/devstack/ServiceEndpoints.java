package io.provisioner.devstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where each enabled DevStack service answers, per era (reference §7): Apache paths on the current tree,
 * per-service ports in 2016. Targets are plain strings ({@code http://h/identity/v3}, {@code mysql://h:3306},
 * {@code amqp://h:5672}, {@code tcp://h:p}) so this package needs nothing from the probe package.
 */
public final class ServiceEndpoints {
    private ServiceEndpoints() {
    }

    /** Probe targets for the enabled services, in a stable order, without duplicates. */
    public static List<String> targets(Collection<String> enabledServices, Era era, String hostIp) {
        Set<String> out = new LinkedHashSet<>();
        for (ServiceEndpoint endpoint : endpoints(enabledServices, era, hostIp)) {
            out.add(endpoint.target());
        }
        return List.copyOf(out);
    }

    /** Probe targets with the service each belongs to. */
    public static List<ServiceEndpoint> endpoints(Collection<String> enabledServices, Era era, String hostIp) {
        String host = hostIp.indexOf(':') >= 0 && !hostIp.startsWith("[") ? "[" + hostIp + "]" : hostIp;
        List<ServiceEndpoint> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : enabledServices) {
            String service = raw.trim();
            if (service.isEmpty() || !seen.add(service)) {
                continue;
            }
            for (String target : era == Era.LEGACY_2016 ? legacy(service, host) : current(service, host)) {
                out.add(new ServiceEndpoint(service, target));
            }
        }
        return out;
    }

    private static List<String> current(String service, String host) {
        return switch (service) {
            case "key", "keystone" -> List.of("http://" + host + "/identity/v3");
            case "n-api" -> List.of("http://" + host + "/compute/v2.1");
            case "n-api-meta" -> List.of("tcp://" + host + ":8775");
            case "n-novnc", "n-novnc-cell1" -> List.of("http://" + host + ":6080/vnc_lite.html");
            case "placement-api" -> List.of("http://" + host + "/placement");
            case "g-api" -> List.of("http://" + host + "/image");
            case "c-api" -> List.of("http://" + host + "/volume/v3");
            case "q-svc", "neutron-api", "neutron" -> List.of("http://" + host + "/networking");
            case "s-proxy" -> List.of("http://" + host + ":8080/info");
            case "horizon" -> List.of("http://" + host + "/dashboard");
            case "mysql" -> List.of("mysql://" + host + ":3306");
            case "rabbit" -> List.of("amqp://" + host + ":5672");
            case "etcd3" -> List.of("tcp://" + host + ":2379");
            case "ovn-northd" -> List.of("tcp://" + host + ":6641", "tcp://" + host + ":6642");
            default -> List.of();
        };
    }

    private static List<String> legacy(String service, String host) {
        return switch (service) {
            case "key", "keystone" -> List.of("http://" + host + ":5000/v2.0", "http://" + host + ":35357/v2.0");
            case "n-api" -> List.of("http://" + host + ":8774");
            case "n-api-meta" -> List.of("tcp://" + host + ":8775");
            case "n-novnc" -> List.of("http://" + host + ":6080/vnc_auto.html");
            case "g-api" -> List.of("http://" + host + ":9292");
            case "g-reg" -> List.of("tcp://" + host + ":9191");
            case "c-api" -> List.of("http://" + host + ":8776");
            case "q-svc", "neutron" -> List.of("http://" + host + ":9696");
            case "s-proxy" -> List.of("http://" + host + ":8080/info");
            case "heat", "h-api" -> List.of("http://" + host + ":8004");
            case "horizon" -> List.of("http://" + host + "/dashboard");
            case "mysql" -> List.of("mysql://" + host + ":3306");
            case "rabbit" -> List.of("amqp://" + host + ":5672");
            default -> List.of();
        };
    }
}
