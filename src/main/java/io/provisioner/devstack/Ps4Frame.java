package io.provisioner.devstack;

/**
 * One xtrace line under DevStack's PS4: {@code +file:function:line   command}. Both LOG_COLOR forms are
 * accepted once {@link LogLine#normalize} removed the colour codes: {@code +functions-common:git_timed:599 cmd}
 * (colour, no space) and {@code + lib/x:fn:12     :   cmd} (plain), and the 2016 form {@code + lib/x:fn:L12:   cmd};
 * nested subshells repeat the '+'.
 */
public record Ps4Frame(int depth, Step step, String command) {

    /** Parses a normalised line, or returns null when it is not a PS4 frame. Allocation-free on non-frames. */
    public static Ps4Frame parse(String text) {
        int length = text.length();
        if (length < 6 || text.charAt(0) != '+') {
            return null;
        }
        int i = 0;
        while (i < length && text.charAt(i) == '+') {
            i++;
        }
        int depth = i;
        while (i < length && text.charAt(i) == ' ') {
            i++;
        }
        int start = i;
        while (i < length && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
            i++;
        }
        int end = i; // token is file:function:line
        if (end - start > 1 && text.charAt(end - 1) == ':') {
            end--; // DevStack's PS4 of 2016: "+ file:function:L123:   command"
        }
        int c2 = text.lastIndexOf(':', end - 1);
        if (c2 <= start || c2 == end - 1) {
            return null;
        }
        int c1 = text.lastIndexOf(':', c2 - 1);
        if (c1 < start || c1 == start) {
            return null;
        }
        int line = 0;
        int digits = c2 + 1 < end - 1 && text.charAt(c2 + 1) == 'L' ? c2 + 2 : c2 + 1;
        for (int pos = digits; pos < end; pos++) {
            char ch = text.charAt(pos);
            if (ch < '0' || ch > '9' || line > 10_000_000) {
                return null;
            }
            line = line * 10 + (ch - '0');
        }
        String file = text.substring(start, c1);
        String function = text.substring(c1 + 1, c2);
        if (function.indexOf('=') >= 0 || file.indexOf('=') >= 0 || file.indexOf('\'') >= 0) {
            return null;
        }
        while (i < length && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i < length && text.charAt(i) == ':' && (i + 1 == length || text.charAt(i + 1) == ' ')) { // LOG_COLOR=False form
            i++;
            while (i < length && text.charAt(i) == ' ') {
                i++;
            }
        }
        return new Ps4Frame(depth, new Step(file, function, line), text.substring(i));
    }
}
