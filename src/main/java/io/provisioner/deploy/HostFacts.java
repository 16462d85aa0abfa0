package io.provisioner.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code key=value} facts the preflight script printed for one host. */
public record HostFacts(Map<String, String> values) {

    public static HostFacts parse(String output) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return new HostFacts(Map.copyOf(m));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String getOr(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public long number(String key) {
        try {
            return Long.parseLong(values.getOrDefault(key, "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public boolean complete() {
        return "yes".equals(values.get("done"));
    }
}
