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
        String text = raw;
        if (text.indexOf('\u001b') >= 0 || text.indexOf('\u0001') >= 0 || text.indexOf('\u0002') >= 0) {
            text = stripControl(text);
        }
        // outfilter.py, Zuul's job-output.txt and Ansible stream each add "<timestamp> | " and Zuul adds
        // "<host> | " after its own stamp; they can stack, so strip repeatedly (bounded).
        // A provisioning tool relaying stack.sh (Vagrant, Puppet, Fabric: ToolPrefix) wraps outside or inside those;
        // an Ansible task's stdout_lines element (AnsibleJsonLine) sits inside Zuul's prefix and holds stack.sh's own.
        for (int i = 0; i < 5; i++) {
            int cut = timestampPrefixEnd(text);
            if (cut >= 0) {
                text = text.substring(cut);
                int host = hostPrefixEnd(text);
                if (host > 0) {
                    text = text.substring(host);
                }
            }
            int tool = ToolPrefix.end(text);
            if (tool > 0) {
                text = text.substring(tool);
                continue;
            }
            String element = text.indexOf('"') >= 0 ? AnsibleJsonLine.unwrap(text) : null;
            if (element != null) {
                text = element.indexOf('\u001b') >= 0 ? stripControl(element) : element;
            } else if (cut < 0) {
                break;
            }
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) == '\r') {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** Removes CSI/OSC escape sequences, \001 and \002, keeping everything else. */
    static String stripControl(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char ch = text.charAt(i);
            if (ch == '\u0001' || ch == '\u0002') {
                continue;
            }
            if (ch == '\u001b') {
                if (i + 1 < length && text.charAt(i + 1) == '[') {
                    int j = i + 2;
                    while (j < length && (text.charAt(j) < '@' || text.charAt(j) > '~')) {
                        j++;
                    }
                    i = j; // skip the final byte too
                    continue;
                }
                if (i + 1 < length && text.charAt(i + 1) == ']') { // OSC ... BEL
                    int j = i + 2;
                    while (j < length && text.charAt(j) != '\u0007') {
                        j++;
                    }
                    i = j;
                    continue;
                }
                if (i + 1 < length && text.charAt(i + 1) == '(') { // charset select, e.g. ESC ( B from tput sgr0
                    i += 2;
                    continue;
                }
                i += 1;
                continue;
            }
            out.append(ch);
        }
        return out.toString();
    }

    /**
     * End of a "YYYY-MM-DD HH:MM:SS[.fff...] | " or "YYYY-MM-DDTHH:MM:SS[.fff][Z] | " prefix, or -1.
     */
    static int timestampPrefixEnd(String text) {
        int length = text.length();
        if (length < 22 || !isDigit(text.charAt(0)) || text.charAt(4) != '-' || text.charAt(7) != '-'
                || (text.charAt(10) != ' ' && text.charAt(10) != 'T') || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return -1;
        }
        for (int i : new int[]{0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
            if (!isDigit(text.charAt(i))) {
                return -1;
            }
        }
        int i = 19;
        // stack.sh before 2015 stamped its own log through awk's strftime: "2014-08-12 16:46:52 + cmd", no '|'
        if (text.charAt(i) == ' ' && (i + 1 >= length || text.charAt(i + 1) != '|')) {
            return i + 1;
        }
        if (i < length && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
            i++;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < length && text.charAt(i) == 'Z') {
            i++;
            // GitHub Actions and other runners stamp each line "2024-01-01T00:00:00.0000000Z text", no '|'
            if (text.charAt(10) == 'T' && i < length && text.charAt(i) == ' '
                    && (i + 1 >= length || text.charAt(i + 1) != '|')) {
                return i + 1;
            }
        }
        if (i + 2 <= length && text.charAt(i) == ' ' && text.charAt(i + 1) == '|') {
            i += 2;
            if (i < length && text.charAt(i) == ' ') {
                i++;
            }
            return i;
        }
        return -1;
    }

    /** Zuul writes "controller | " after its timestamp: a short host-like token followed by " | ". */
    private static int hostPrefixEnd(String text) {
        int limit = Math.min(text.length(), 80);
        for (int i = 0; i < limit; i++) {
            char ch = text.charAt(i);
            if (ch == ' ') {
                return i > 0 && i + 2 < text.length() + 1 && text.startsWith(" | ", i) ? i + 3
                        : (i > 0 && text.startsWith(" |", i) && i + 2 == text.length() ? i + 2 : -1);
            }
            if (!(Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.')) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }
}
