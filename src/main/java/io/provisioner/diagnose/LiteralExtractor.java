package io.provisioner.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds literal strings that every match of a regex must contain, so most lines are rejected by a cheap
 * multi-string scan before any regex runs. Conservative: classes, optional atoms and groups that may repeat, be
 * skipped or hold an alternation end a literal run (a plain group, "(...)", "(?:...)" or "(?<name>...)" with neither,
 * is read through: "git clone (?<url>git://\S+)" needs "git clone git://"); a top-level alternation yields one
 * literal per branch (any of them may trigger the regex). Returns an empty
 * list when no literal of at least {@link #MIN} characters is certain; such a pattern is tried on every line.
 */
final class LiteralExtractor {
    static final int MIN = 3;

    private LiteralExtractor() {
    }

    static List<String> literals(String regex) {
        if (regex.startsWith("(?i)") || regex.contains("\\Q")) {
            return List.of();
        }
        List<String> branches = splitTopLevel(regex);
        List<String> out = new ArrayList<>();
        for (String b : branches) {
            String lit = longestRun(b);
            if (lit.length() < MIN) {
                return List.of();
            }
            out.add(lit);
        }
        return out;
    }

    private static List<String> splitTopLevel(String r) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean inClass = false;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < r.length() && r.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(r.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(r.substring(start));
        return parts;
    }

    private static String longestRun(String r) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        int n = r.length();
        boolean[] transparentClose = new boolean[n];
        while (i < n) {
            char c = r.charAt(i);
            if (c == ')' && transparentClose[i]) {
                i++;
                continue;
            }
            if (c == '(') {
                int body = transparentBody(r, i);
                if (body > 0) {
                    transparentClose[skipGroupOrClass(r, i) - 1] = true;
                    i = body;
                    continue;
                }
            }
            int atomStart = run.length();
            boolean literal;
            int next;
            if (c == '\\' && i + 1 < n) {
                char e = r.charAt(i + 1);
                literal = !Character.isLetterOrDigit(e);
                if (literal) {
                    run.append(e);
                }
                next = i + 2;
            } else if (c == '(' || c == '[') {
                literal = false;
                next = skipGroupOrClass(r, i);
            } else if (c == '.' || c == '^' || c == '$' || c == ')' || c == ']' || c == '|') {
                literal = false;
                next = i + 1;
            } else {
                literal = true;
                run.append(c);
                next = i + 1;
            }
            // a quantifier after the atom: optional ones remove it, '+' keeps one copy but ends the run
            char q = next < n ? r.charAt(next) : 0;
            if (q == '*' || q == '?' || q == '{') {
                if (literal) {
                    run.setLength(atomStart);
                }
                best = longer(best, run);
                run.setLength(0);
                next = skipQuantifier(r, next);
            } else if (q == '+') {
                best = longer(best, run);
                run.setLength(0);
                next = skipQuantifier(r, next);
            } else if (!literal) {
                best = longer(best, run);
                run.setLength(0);
            }
            i = next;
        }
        return longer(best, run);
    }

    /**
     * Where the body of the group at i starts when the group can be read through (it matches its body exactly once:
     * a plain, non-capturing or named group, no quantifier after it, no alternation at its top level), else -1.
     */
    private static int transparentBody(String r, int i) {
        int n = r.length();
        int body;
        if (r.startsWith("(?:", i)) {
            body = i + 3;
        } else if (r.startsWith("(?<", i) && i + 3 < n && r.charAt(i + 3) != '=' && r.charAt(i + 3) != '!') {
            int close = r.indexOf('>', i);
            if (close < 0) {
                return -1;
            }
            body = close + 1;
        } else if (i + 1 < n && r.charAt(i + 1) != '?') {
            body = i + 1;
        } else {
            return -1;
        }
        int end = skipGroupOrClass(r, i);
        if (end > n || r.charAt(end - 1) != ')' || body > end - 1) {
            return -1;
        }
        char q = end < n ? r.charAt(end) : 0;
        if (q == '*' || q == '?' || q == '{' || q == '+') {
            return -1;
        }
        if (splitTopLevel(r.substring(body, end - 1)).size() != 1) {
            return -1;
        }
        return body;
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    private static int skipQuantifier(String r, int i) {
        int n = r.length();
        if (r.charAt(i) == '{') {
            int close = r.indexOf('}', i);
            i = close < 0 ? n : close + 1;
        } else {
            i++;
        }
        if (i < n && (r.charAt(i) == '?' || r.charAt(i) == '+')) {
            i++;
        }
        return i;
    }

    /** Index just after the group or class that starts at i (escapes and nested groups respected). */
    private static int skipGroupOrClass(String r, int i) {
        int n = r.length();
        if (r.charAt(i) == '[') {
            int j = i + 1;
            if (j < n && r.charAt(j) == '^') {
                j++;
            }
            if (j < n && r.charAt(j) == ']') {
                j++;
            }
            while (j < n && r.charAt(j) != ']') {
                if (r.charAt(j) == '\\') {
                    j++;
                }
                j++;
            }
            return Math.min(n, j + 1);
        }
        int depth = 0;
        boolean inClass = false;
        for (int j = i; j < n; j++) {
            char c = r.charAt(j);
            if (c == '\\') {
                j++;
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return n;
    }
}
