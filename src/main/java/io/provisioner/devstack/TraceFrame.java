package io.provisioner.devstack;

/**
 * One line under {@code [Call Trace]}, printed by DevStack's {@code backtrace}: {@code file:line:callee}, outermost
 * first. The callee is the function being called at that line.
 */
public record TraceFrame(String file, int line, String callee) {

    /** Parses "file:line:function", or returns null. */
    public static TraceFrame parse(String text) {
        int c2 = text.lastIndexOf(':');
        if (c2 <= 0 || c2 == text.length() - 1 || text.indexOf(' ') >= 0) {
            return null;
        }
        int c1 = text.lastIndexOf(':', c2 - 1);
        if (c1 <= 0) {
            return null;
        }
        try {
            return new TraceFrame(text.substring(0, c1), Integer.parseInt(text.substring(c1 + 1, c2)),
                    text.substring(c2 + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
