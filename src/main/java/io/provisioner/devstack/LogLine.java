package io.provisioner.devstack;

/**
 * One line of a stack.sh log after normalisation: the text with timestamp prefixes, ANSI colour codes,
 * readline markers (\001/\002) and Zuul/Ansible wrapper prefixes removed, and its 1-based number in the input.
 * {@code afterExit} is true once DevStack's exit trap has printed "Error on exit": from there on the log
 * describes the machine's state (worlddump), not the failure.
 */
public record LogLine(long number, String text, boolean afterExit) {

    /** Strips every known wrapper from a raw log line. Never throws; cost is a few char checks on plain lines. */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw;
        if (s.indexOf('\u001b') >= 0 || s.indexOf('\u0001') >= 0 || s.indexOf('\u0002') >= 0) {
            s = stripControl(s);
        }
        // outfilter.py, Zuul's job-output.txt and Ansible stream each add "<timestamp> | " and Zuul adds
        // "<host> | " after its own stamp; they can stack, so strip repeatedly (bounded).
        for (int i = 0; i < 4; i++) {
            int cut = timestampPrefixEnd(s);
            if (cut < 0) {
                break;
            }
            s = s.substring(cut);
            int host = hostPrefixEnd(s);
            if (host > 0) {
                s = s.substring(host);
            }
        }
        if (!s.isEmpty() && s.charAt(s.length() - 1) == '\r') {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** Removes CSI/OSC escape sequences, \001 and \002, keeping everything else. */
    static String stripControl(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\u0001' || c == '\u0002') {
                continue;
            }
            if (c == '\u001b') {
                if (i + 1 < n && s.charAt(i + 1) == '[') {
                    int j = i + 2;
                    while (j < n && (s.charAt(j) < '@' || s.charAt(j) > '~')) {
                        j++;
                    }
                    i = j; // skip the final byte too
                    continue;
                }
                if (i + 1 < n && s.charAt(i + 1) == ']') { // OSC ... BEL
                    int j = i + 2;
                    while (j < n && s.charAt(j) != '\u0007') {
                        j++;
                    }
                    i = j;
                    continue;
                }
                if (i + 1 < n && s.charAt(i + 1) == '(') { // charset select, e.g. ESC ( B from tput sgr0
                    i += 2;
                    continue;
                }
                i += 1;
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * End of a "YYYY-MM-DD HH:MM:SS[.fff...] | " or "YYYY-MM-DDTHH:MM:SS[.fff][Z] | " prefix, or -1.
     */
    static int timestampPrefixEnd(String s) {
        int n = s.length();
        if (n < 22 || !isDigit(s.charAt(0)) || s.charAt(4) != '-' || s.charAt(7) != '-'
                || (s.charAt(10) != ' ' && s.charAt(10) != 'T') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return -1;
        }
        for (int i : new int[]{0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
            if (!isDigit(s.charAt(i))) {
                return -1;
            }
        }
        int i = 19;
        // stack.sh before 2015 stamped its own log through awk's strftime: "2014-08-12 16:46:52 + cmd", no '|'
        if (s.charAt(i) == ' ' && (i + 1 >= n || s.charAt(i + 1) != '|')) {
            return i + 1;
        }
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && s.charAt(i) == 'Z') {
            i++;
        }
        if (i + 2 <= n && s.charAt(i) == ' ' && s.charAt(i + 1) == '|') {
            i += 2;
            if (i < n && s.charAt(i) == ' ') {
                i++;
            }
            return i;
        }
        return -1;
    }

    /** Zuul writes "controller | " after its timestamp: a short host-like token followed by " | ". */
    private static int hostPrefixEnd(String s) {
        int n = Math.min(s.length(), 80);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                return i > 0 && i + 2 < s.length() + 1 && s.startsWith(" | ", i) ? i + 3
                        : (i > 0 && s.startsWith(" |", i) && i + 2 == s.length() ? i + 2 : -1);
            }
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
