package io.provisioner.fixup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and sets a variable in the {@code [[local|localrc]]} section of a {@code local.conf}: the last
 * assignment in the section wins (as when DevStack sources it), a set replaces that line in place or
 * appends it at the end of the section; every other line stays as it was.
 */
final class LocalrcSection {
    private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\[\\s*([^|\\]]+)\\s*\\|\\s*([^\\]]+)\\s*]]\\s*$");

    private LocalrcSection() {
    }

    static Optional<String> get(String localConf, String name) {
        String[] lines = localConf.split("\n", -1);
        int[] range = range(lines);
        String value = null;
        for (int i = range[0]; i < range[1]; i++) {
            String line = lines[i].strip();
            if (line.startsWith(name + "=")) {
                value = unquote(line.substring(name.length() + 1).strip());
            }
        }
        return Optional.ofNullable(value);
    }

    static String set(String localConf, String name, String value) {
        List<String> lines = new ArrayList<>(Arrays.asList(localConf.split("\n", -1)));
        String assignment = name + "=" + value;
        int[] range = range(lines.toArray(String[]::new));
        if (range[0] < 0 || range[0] > lines.size()) {
            String sep = localConf.isEmpty() || localConf.endsWith("\n") ? "" : "\n";
            return localConf + sep + "[[local|localrc]]\n" + assignment + "\n";
        }
        int last = -1;
        for (int i = range[0]; i < range[1]; i++) {
            if (lines.get(i).strip().startsWith(name + "=")) {
                last = i;
            }
        }
        if (last >= 0) {
            lines.set(last, assignment);
        } else {
            int at = range[1];
            while (at > range[0] && lines.get(at - 1).isBlank()) {
                at--;
            }
            lines.add(at, assignment);
        }
        return String.join("\n", lines);
    }

    /** [first body line, end) of the localrc section; {-1, -1} when there is none. */
    private static int[] range(String[] lines) {
        int start = -1;
        for (int i = 0; i < lines.length; i++) {
            Matcher header = HEADER.matcher(lines[i]);
            if (header.matches()) {
                if (start >= 0) {
                    return new int[]{start, i};
                }
                if (header.group(1).strip().equals("local") && header.group(2).strip().equals("localrc")) {
                    start = i + 1;
                }
            }
        }
        return start < 0 ? new int[]{-1, -1} : new int[]{start, lines.length};
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'")
                && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
