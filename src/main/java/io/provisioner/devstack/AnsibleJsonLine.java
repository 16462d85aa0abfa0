package io.provisioner.devstack;

/**
 * One element of a JSON string array as Ansible prints a task's {@code stdout_lines}/{@code stderr_lines} with a
 * pretty-printing callback (yaml, debug, {@code -v} JSON): indentation, a quoted JSON string, an optional comma.
 * A stack.sh run by an Ansible task (and relayed through Zuul) arrives that way, one log line per element; the
 * element's decoded text is the line stack.sh printed. Only whole single strings qualify: a {@code "key": value}
 * pair or anything with an unescaped quote inside stays as it is.
 */
final class AnsibleJsonLine {
    /** Ansible indents array elements (4 spaces or more); two keeps stray quoted lines of other programs out. */
    private static final int MIN_INDENT = 2;

    private AnsibleJsonLine() {
    }

    /** The decoded element if {@code text} is one, else null. */
    static String unwrap(String text) {
        int length = text.length();
        int i = 0;
        while (i < length && text.charAt(i) == ' ') {
            i++;
        }
        if (i < MIN_INDENT || i >= length || text.charAt(i) != '"') {
            return null;
        }
        int end = length;
        while (end > i && text.charAt(end - 1) == ' ') {
            end--;
        }
        if (end > i && text.charAt(end - 1) == ',') {
            end--;
        }
        if (end - i < 2 || text.charAt(end - 1) != '"') {
            return null;
        }
        return decode(text, i + 1, end - 1);
    }

    /** JSON string body [from, to) decoded, or null when it holds an unescaped quote or a broken escape. */
    private static String decode(String text, int from, int to) {
        StringBuilder out = null;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                return null;
            }
            if (ch != '\\') {
                if (out != null) {
                    out.append(ch);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(to - from).append(text, from, i);
            }
            if (i + 1 >= to) {
                return null;
            }
            char esc = text.charAt(++i);
            switch (esc) {
                case '"', '\\', '/' -> out.append(esc);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 >= to) {
                        return null;
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return out == null ? text.substring(from, to) : out.toString();
    }
}
