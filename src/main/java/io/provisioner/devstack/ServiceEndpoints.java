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
        for (ServiceEndpoint e : endpoints(enabledServices, era, hostIp)) {
            out.add(e.target());
        }
        return List.copyOf(out);
    }

    /** Probe targets with the service each belongs to. */
    public static List<ServiceEndpoint> endpoints(Collection<String> enabledServices, Era era, String hostIp) {
        String h = hostIp.indexOf(':') >= 0 && !hostIp.startsWith("[") ? "[" + hostIp + "]" : hostIp;
        List<ServiceEndpoint> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : enabledServices) {
            String s = raw.trim();
            if (s.isEmpty() || !seen.add(s)) {
                continue;
            }
            for (String t : era == Era.LEGACY_2016 ? legacy(s, h) : current(s, h)) {
                out.add(new ServiceEndpoint(s, t));
            }
        }
        return out;
    }

    private static List<String> current(String s, String h) {
        return switch (s) {
            case "key", "keystone" -> List.of("http://" + h + "/identity/v3");
            case "n-api" -> List.of("http://" + h + "/compute/v2.1");
            case "n-api-meta" -> List.of("tcp://" + h + ":8775");
            case "n-novnc", "n-novnc-cell1" -> List.of("http://" + h + ":6080/vnc_lite.html");
            case "placement-api" -> List.of("http://" + h + "/placement");
            case "g-api" -> List.of("http://" + h + "/image");
            case "c-api" -> List.of("http://" + h + "/volume/v3");
            case "q-svc", "neutron-api", "neutron" -> List.of("http://" + h + "/networking");
            case "s-proxy" -> List.of("http://" + h + ":8080/info");
            case "horizon" -> List.of("http://" + h + "/dashboard");
            case "mysql" -> List.of("mysql://" + h + ":3306");
            case "rabbit" -> List.of("amqp://" + h + ":5672");
            case "etcd3" -> List.of("tcp://" + h + ":2379");
            case "ovn-northd" -> List.of("tcp://" + h + ":6641", "tcp://" + h + ":6642");
            default -> List.of();
        };
    }

    private static List<String> legacy(String s, String h) {
        return switch (s) {
            case "key", "keystone" -> List.of("http://" + h + ":5000/v2.0", "http://" + h + ":35357/v2.0");
            case "n-api" -> List.of("http://" + h + ":8774");
            case "n-api-meta" -> List.of("tcp://" + h + ":8775");
            case "n-novnc" -> List.of("http://" + h + ":6080/vnc_auto.html");
            case "g-api" -> List.of("http://" + h + ":9292");
            case "g-reg" -> List.of("tcp://" + h + ":9191");
            case "c-api" -> List.of("http://" + h + ":8776");
            case "q-svc", "neutron" -> List.of("http://" + h + ":9696");
            case "s-proxy" -> List.of("http://" + h + ":8080/info");
            case "heat", "h-api" -> List.of("http://" + h + ":8004");
            case "horizon" -> List.of("http://" + h + "/dashboard");
            case "mysql" -> List.of("mysql://" + h + ":3306");
            case "rabbit" -> List.of("amqp://" + h + ":5672");
            default -> List.of();
        };
    }
}
