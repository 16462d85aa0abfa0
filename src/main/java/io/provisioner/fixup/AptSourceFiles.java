package io.provisioner.fixup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The source declarations of apt's files: one-line {@code .list} entries ({@code deb [opts] URI suite comps})
 * and deb822 {@code .sources} stanzas ({@code URIs:}, {@code Suites:}), each with the file and line that declare
 * it, and the edit that disables one: a {@code # provisioner-disabled: } prefix on the line, or on every line of
 * the stanza. Disabled lines are comments, so a second pass finds nothing.
 */
final class AptSourceFiles {
    static final String DISABLED = "# provisioner-disabled: ";

    /** One declaration: lines [first, last] (1-based) of {@code file}; for a .list entry first == last. */
    record Declaration(String file, int first, int last, List<String> uris, List<String> suites, String text) {
        boolean matches(String uri, String suite) {
            String normalized = normalize(uri);
            return uris.stream().anyMatch(candidate -> normalize(candidate).equals(normalized))
                    && (suite == null || suites.contains(suite));
        }
    }

    private AptSourceFiles() {
    }

    static List<Declaration> parse(String file, String content) {
        return file.endsWith(".sources") ? parseDeb822(file, content) : parseList(file, content);
    }

    static List<Declaration> parseList(String file, String content) {
        List<Declaration> out = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (!(line.startsWith("deb ") || line.startsWith("deb-src "))) {
                continue;
            }
            String rest = line.substring(line.indexOf(' ') + 1).strip();
            if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                rest = close < 0 ? "" : rest.substring(close + 1).strip();
            }
            String[] fields = rest.split("\\s+");
            if (fields.length >= 2) {
                out.add(new Declaration(file, i + 1, i + 1, List.of(fields[0]), List.of(fields[1]), lines[i].strip()));
            }
        }
        return out;
    }

    static List<Declaration> parseDeb822(String file, String content) {
        List<Declaration> out = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        int start = -1;
        List<String> uris = new ArrayList<>();
        List<String> suites = new ArrayList<>();
        boolean enabled = true;
        String field = "";
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            if (line.isBlank()) {
                if (start >= 0 && enabled && !uris.isEmpty()) {
                    out.add(new Declaration(file, start + 1, lastContent(lines, start, i) + 1, List.copyOf(uris),
                            List.copyOf(suites), "URIs: " + String.join(" ", uris)));
                }
                start = -1;
                uris.clear();
                suites.clear();
                enabled = true;
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (start < 0) {
                start = i;
            }
            String value;
            if (Character.isWhitespace(line.charAt(0))) {
                value = line.strip();
            } else {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                value = line.substring(colon + 1).strip();
            }
            switch (field) {
                case "uris" -> uris.addAll(words(value));
                case "suites" -> suites.addAll(words(value));
                case "enabled" -> enabled = !value.equalsIgnoreCase("no");
                default -> {
                }
            }
        }
        return out;
    }

    /** The file's content with the declaration's lines commented out. */
    static String disable(String content, Declaration declaration) {
        String[] lines = content.split("\n", -1);
        for (int i = declaration.first() - 1; i < declaration.last() && i < lines.length; i++) {
            if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                lines[i] = DISABLED + lines[i];
            }
        }
        return String.join("\n", lines);
    }

    static String normalize(String uri) {
        String stripped = uri.strip();
        if (stripped.startsWith("file:///")) {
            stripped = "file:/" + stripped.substring("file:///".length());
        }
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }

    private static int lastContent(String[] lines, int from, int end) {
        int last = from;
        for (int j = from; j < end; j++) {
            if (!lines[j].isBlank()) {
                last = j;
            }
        }
        return last;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }
}
