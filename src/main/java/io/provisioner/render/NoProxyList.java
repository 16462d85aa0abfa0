package io.provisioner.render;

import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The computed {@code no_proxy}: the article's last round failed because Keystone was reached through the
 * proxy. Always localhost, every host's address, name and HOST_IP, SERVICE_HOST, then the user's extras.
 * Explicit addresses only (many clients ignore CIDR), no duplicates, a stable order.
 */
public final class NoProxyList {
    /** Some tools truncate or refuse longer environment values. */
    public static final int WARN_LENGTH = 1024;

    private NoProxyList() {
    }

    public static List<String> compute(Spec spec, Host host) {
        return compute(spec, host, List.of());
    }

    /** {@code extraAddresses}: addresses found at run time, e.g. the HOST_IP DevStack actually used. */
    public static List<String> compute(Spec spec, Host host, Collection<String> extraAddresses) {
        Set<String> out = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        for (Host other : spec.executionOrder()) {
            if (other.address() != null && !other.isLocal()) {
                out.add(other.address());
            }
            out.add(other.name());
            if (other.hostIp() != null) {
                out.add(other.hostIp());
            }
        }
        String serviceHost = ServiceHost.of(spec, host);
        if (serviceHost != null) {
            out.add(serviceHost);
        }
        out.addAll(host.proxy().noProxy());
        for (String extra : extraAddresses) {
            if (extra != null && !extra.isBlank()) {
                out.add(extra.trim());
            }
        }
        return new ArrayList<>(out);
    }

    public static String join(List<String> entries) {
        return String.join(",", entries);
    }

    /** A warning when the joined list is longer than {@link #WARN_LENGTH} characters. */
    public static Optional<String> lengthWarning(String hostName, List<String> entries) {
        int length = join(entries).length();
        if (length <= WARN_LENGTH) {
            return Optional.empty();
        }
        return Optional.of("no_proxy for " + hostName + " is " + length + " characters (over " + WARN_LENGTH
                + "); some tools truncate long values, consider fewer proxy.no_proxy entries");
    }
}
