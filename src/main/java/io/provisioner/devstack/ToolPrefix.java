package io.provisioner.devstack;

/**
 * The prefix a provisioning tool writes before each line of stack.sh's output when it relays it: Vagrant
 * ({@code ==> default: }, and its continuation {@code     default: } before DevStack's own lines), Puppet's exec resource
 * ({@code Notice: /Stage[main]/Devstack/Exec[stack.sh]/returns: }) and Fabric ({@code [host] out: }).
 * Plain lines cost one or two char checks.
 */
final class ToolPrefix {
    private static final int NAME_MAX = 40;
    private static final String RETURNS = "/returns: ";

    private ToolPrefix() {
    }

    /** End of a tool's prefix at the start of {@code text}, or -1. */
    static int end(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        char first = text.charAt(0);
        if (first == '=') {
            return text.startsWith("==> ") ? nameColonEnd(text, 4) : -1;
        }
        if (first == ' ') {
            // Vagrant's continuation; program output is indented too ("    error: ..." from pip), so only DevStack's
            // own lines (xtrace, [Call Trace], [ERROR]) lose it: other rules match inside the line anyway
            if (!text.startsWith("    ") || text.length() < 6 || text.charAt(4) == ' ') {
                return -1;
            }
            int end = nameColonEnd(text, 4);
            return end > 0 && end < text.length() && (text.charAt(end) == '+' || text.charAt(end) == '[') ? end : -1;
        }
        if (first == 'N' || first == 'n') {
            if (!text.startsWith("otice: /Stage[", 1)) {
                return -1;
            }
            int returns = text.indexOf(RETURNS);
            return returns > 0 ? returns + RETURNS.length() : -1;
        }
        if (first == '[') {
            int close = text.indexOf("] ");
            if (close < 2 || close > 80) {
                return -1;
            }
            return text.startsWith("out: ", close + 2) || text.startsWith("err: ", close + 2) ? close + 7 : -1;
        }
        return -1;
    }

    /** After {@code from}: a machine name ([A-Za-z0-9._-], at most 40) then ": "; the index after it, or -1. */
    private static int nameColonEnd(String text, int from) {
        int limit = Math.min(text.length(), from + NAME_MAX + 1);
        for (int i = from; i < limit; i++) {
            char ch = text.charAt(i);
            if (ch == ':') {
                return i > from && text.startsWith(": ", i) ? i + 2 : (i > from && i + 1 == text.length() ? i + 1 : -1);
            }
            if (!(Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.')) {
                return -1;
            }
        }
        return -1;
    }
}
