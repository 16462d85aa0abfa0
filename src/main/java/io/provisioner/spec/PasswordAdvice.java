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

    private PasswordAdvice() {
    }

    /** One line per weak password (the same finding on several hosts is one line naming them). */
    public static List<String> warnings(Spec spec) {
        Map<String, Set<String>> hostsByWarning = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Host host : spec.hosts()) {
            names.putIfAbsent(host.name().toLowerCase(Locale.ROOT), "the host name '" + host.name() + "'");
            names.putIfAbsent(host.address().toLowerCase(Locale.ROOT), "the address '" + host.address() + "'");
            if (host.ssh().user() != null) {
                names.putIfAbsent(host.ssh().user().toLowerCase(Locale.ROOT), "the user '" + host.ssh().user() + "'");
            }
        }
        for (Host host : spec.hosts()) {
            Passwords p = host.passwords();
            String[] keys = {"admin", "database", "rabbit", "service"};
            List<Secret> secrets = p.all();
            for (int index = 0; index < keys.length; index++) {
                String reason = reason(secrets.get(index).reveal(), names);
                if (reason != null) {
                    hostsByWarning.computeIfAbsent("passwords." + keys[index] + " " + reason,
                            key -> new LinkedHashSet<>()).add(host.name());
                }
            }
        }
        List<String> out = new ArrayList<>();
        hostsByWarning.forEach((warning, hosts) -> out.add((hosts.size() == spec.hosts().size() && hosts.size() > 1
                ? "all hosts" : String.join(", ", hosts)) + ": " + warning));
        return out;
    }

    /** Why a password is weak for masking, or null. */
    static String reason(String password, Map<String, String> names) {
        if (password.isEmpty()) {
            return null;
        }
        String masked = "; it is masked only where it is set (PASSWORD=, URLs, mysql -p), the word itself stays readable";
        String name = names.get(password.toLowerCase(Locale.ROOT));
        if (name != null) {
            return "equals " + name + masked + " (masking the word would hide the name)";
        }
        if (CommonWords.contains(password)) {
            return "is '" + password.toLowerCase(Locale.ROOT) + "', a word DevStack prints all the time" + masked;
        }
        if (password.length() < MIN_LENGTH) {
            return "is " + password.length() + " characters, shorter than " + MIN_LENGTH
                    + ": it is masked where it is set and as a word of its own, but not inside other words";
        }
        return null;
    }
}
