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
        for (String branch : branches) {
            String lit = longestRun(branch);
            if (lit.length() < MIN) {
                return List.of();
            }
            out.add(lit);
        }
        return out;
    }

    private static List<String> splitTopLevel(String regex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char ch = regex.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (inClass) {
                if (ch == ']') {
                    inClass = false;
                }
            } else if (ch == '[') {
                inClass = true;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == '|' && depth == 0) {
                parts.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(regex.substring(start));
        return parts;
    }

    private static String longestRun(String regex) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        int length = regex.length();
        boolean[] transparentClose = new boolean[length];
        while (i < length) {
            char ch = regex.charAt(i);
            if (ch == ')' && transparentClose[i]) {
                i++;
                continue;
            }
            if (ch == '(') {
                int body = transparentBody(regex, i);
                if (body > 0) {
                    transparentClose[skipGroupOrClass(regex, i) - 1] = true;
                    i = body;
                    continue;
                }
            }
            int atomStart = run.length();
            boolean literal;
            int next;
            if (ch == '\\' && i + 1 < length) {
                char escaped = regex.charAt(i + 1);
                literal = !Character.isLetterOrDigit(escaped);
                if (literal) {
                    run.append(escaped);
                }
                next = i + 2;
            } else if (ch == '(' || ch == '[') {
                literal = false;
                next = skipGroupOrClass(regex, i);
            } else if (ch == '.' || ch == '^' || ch == '$' || ch == ')' || ch == ']' || ch == '|') {
                literal = false;
                next = i + 1;
            } else {
                literal = true;
                run.append(ch);
                next = i + 1;
            }
            // a quantifier after the atom: optional ones remove it, '+' keeps one copy but ends the run
            char quantifier = next < length ? regex.charAt(next) : 0;
            if (quantifier == '*' || quantifier == '?' || quantifier == '{') {
                if (literal) {
                    run.setLength(atomStart);
                }
                best = longer(best, run);
                run.setLength(0);
                next = skipQuantifier(regex, next);
            } else if (quantifier == '+') {
                best = longer(best, run);
                run.setLength(0);
                next = skipQuantifier(regex, next);
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
    private static int transparentBody(String regex, int i) {
        int length = regex.length();
        int body;
        if (regex.startsWith("(?:", i)) {
            body = i + 3;
        } else if (regex.startsWith("(?<", i) && i + 3 < length && regex.charAt(i + 3) != '='
                && regex.charAt(i + 3) != '!') {
            int close = regex.indexOf('>', i);
            if (close < 0) {
                return -1;
            }
            body = close + 1;
        } else if (i + 1 < length && regex.charAt(i + 1) != '?') {
            body = i + 1;
        } else {
            return -1;
        }
        int end = skipGroupOrClass(regex, i);
        if (end > length || regex.charAt(end - 1) != ')' || body > end - 1) {
            return -1;
        }
        char quantifier = end < length ? regex.charAt(end) : 0;
        if (quantifier == '*' || quantifier == '?' || quantifier == '{' || quantifier == '+') {
            return -1;
        }
        if (splitTopLevel(regex.substring(body, end - 1)).size() != 1) {
            return -1;
        }
        return body;
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    private static int skipQuantifier(String regex, int i) {
        int length = regex.length();
        if (regex.charAt(i) == '{') {
            int close = regex.indexOf('}', i);
            i = close < 0 ? length : close + 1;
        } else {
            i++;
        }
        if (i < length && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
            i++;
        }
        return i;
    }

    /** Index just after the group or class that starts at i (escapes and nested groups respected). */
    private static int skipGroupOrClass(String regex, int i) {
        int length = regex.length();
        if (regex.charAt(i) == '[') {
            int j = i + 1;
            if (j < length && regex.charAt(j) == '^') {
                j++;
            }
            if (j < length && regex.charAt(j) == ']') {
                j++;
            }
            while (j < length && regex.charAt(j) != ']') {
                if (regex.charAt(j) == '\\') {
                    j++;
                }
                j++;
            }
            return Math.min(length, j + 1);
        }
        int depth = 0;
        boolean inClass = false;
        for (int j = i; j < length; j++) {
            char ch = regex.charAt(j);
            if (ch == '\\') {
                j++;
            } else if (inClass) {
                if (ch == ']') {
                    inClass = false;
                }
            } else if (ch == '[') {
                inClass = true;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return length;
    }
}
