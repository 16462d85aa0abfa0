package io.provisioner.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Warnings about passwords that output masking cannot hide well: short ones, and ones equal to a host
 * name, user or a word DevStack prints anyway. Such a password is still masked where it is set
 * ({@code ADMIN_PASSWORD=}, URLs, {@code mysql -p}); elsewhere the word itself stays readable.
 */
public final class PasswordAdvice {
    static final int MIN_LENGTH = 8;
    private static final String[] KEYS = {"admin", "database", "rabbit", "service"};
    private static final String ONLY_WHERE_SET =
            "; masked only where it is set (PASSWORD=, URLs, mysql -p), the word itself stays readable";

    private PasswordAdvice() {
    }

    /**
     * One line per reason: "HOSTS: passwords.KEY, ...: REASON", the same finding on every host said once for
     * "all hosts".
     */
    public static List<String> warnings(Spec spec) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Host host : spec.hosts()) {
            names.putIfAbsent(host.name().toLowerCase(Locale.ROOT), "equals the host name '" + host.name() + "'");
            names.putIfAbsent(host.address().toLowerCase(Locale.ROOT), "equals the address '" + host.address() + "'");
            if (host.ssh().user() != null) {
                names.putIfAbsent(host.ssh().user().toLowerCase(Locale.ROOT), "equals the user '" + host.ssh().user() + "'");
            }
        }
        Map<String, Set<String>> keysByFinding = new LinkedHashMap<>();
        for (Host host : spec.hosts()) {
            List<Secret> secrets = host.passwords().all();
            for (int index = 0; index < KEYS.length; index++) {
                String reason = reason(secrets.get(index).reveal(), names);
                if (reason != null) {
                    keysByFinding.computeIfAbsent(host.name() + "\n" + reason, finding -> new LinkedHashSet<>())
                            .add("passwords." + KEYS[index]);
                }
            }
        }
        // the same keys and reason on several hosts: one line naming the hosts
        Map<String, Set<String>> hostsByLine = new LinkedHashMap<>();
        keysByFinding.forEach((finding, keys) -> {
            String[] hostAndReason = finding.split("\n", 2);
            hostsByLine.computeIfAbsent(String.join(", ", keys) + ": " + hostAndReason[1], line -> new LinkedHashSet<>())
                    .add(hostAndReason[0]);
        });
        List<String> out = new ArrayList<>();
        hostsByLine.forEach((line, hosts) -> out.add((hosts.size() == spec.hosts().size() && hosts.size() > 1
                ? "all hosts" : String.join(", ", hosts)) + ": " + line));
        return out;
    }

    /** Why a password is weak for masking, or null. */
    static String reason(String password, Map<String, String> names) {
        if (password.isEmpty()) {
            return null;
        }
        String name = names.get(password.toLowerCase(Locale.ROOT));
        if (name != null) {
            return name + ONLY_WHERE_SET + " (masking the word would hide the name)";
        }
        if (CommonWords.contains(password)) {
            return "'" + password.toLowerCase(Locale.ROOT) + "' is a word DevStack prints all the time" + ONLY_WHERE_SET;
        }
        if (password.length() < MIN_LENGTH) {
            return password.length() + " characters, shorter than " + MIN_LENGTH
                    + ": masked where it is set and as a word of its own, but not inside other words";
        }
        return null;
    }
}
