package io.provisioner.diagnose;

/** Translates the rule regexes (Java syntax) to POSIX ERE for the grep comparison in the benchmark. */
final class ErePatterns {
    private ErePatterns() {
    }

    static String toEre(String java) {
        StringBuilder b = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < java.length(); i++) {
            char c = java.charAt(i);
            if (c == '\\' && i + 1 < java.length()) {
                char e = java.charAt(++i);
                String cls = switch (e) {
                    case 'd' -> inClass ? "0-9" : "[0-9]";
                    case 's' -> inClass ? "[:space:]" : "[[:space:]]";
                    case 'S' -> "[^[:space:]]";
                    case 'w' -> inClass ? "[:alnum:]_" : "[[:alnum:]_]";
                    default -> null;
                };
                if (cls != null) {
                    b.append(cls);
                } else if (inClass) {
                    b.append(e == '-' ? "" : String.valueOf(e));
                    if (e == '-') {
                        b.append("-"); // only ever last in our classes
                    }
                } else {
                    b.append('\\').append(e);
                }
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                b.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                b.append(c);
                if (i + 1 < java.length() && java.charAt(i + 1) == '^') {
                    b.append('^');
                    i++;
                }
                continue;
            }
            if (c == '(' && java.startsWith("(?<", i) && !java.startsWith("(?<=", i) && !java.startsWith("(?<!", i)) {
                i = java.indexOf('>', i);
                b.append('(');
                continue;
            }
            if (c == '(' && java.startsWith("(?:", i)) {
                i += 2;
                b.append('(');
                continue;
            }
            if ((c == '?') && b.length() > 0 && i > 0 && "+*?}".indexOf(java.charAt(i - 1)) >= 0
                    && (i < 2 || java.charAt(i - 2) != '\\')) {
                continue; // lazy quantifier: ERE has none; same lines match
            }
            b.append(c);
        }
        return b.toString();
    }
}
