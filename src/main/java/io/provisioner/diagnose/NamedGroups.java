package io.provisioner.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named groups of a regex (Java 17 cannot list them) and their fact names: Java group names allow no
 * underscore, so {@code (?<hostIp>...)} yields the fact {@code host_ip}.
 */
final class NamedGroups {
    private static final Pattern NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private NamedGroups() {
    }

    static List<String> of(String regex) {
        List<String> out = new ArrayList<>();
        Matcher matcher = NAME.matcher(regex);
        while (matcher.find()) {
            out.add(matcher.group(1));
        }
        return out;
    }

    static String factName(String group) {
        StringBuilder out = new StringBuilder(group.length() + 4);
        for (int i = 0; i < group.length(); i++) {
            char ch = group.charAt(i);
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
