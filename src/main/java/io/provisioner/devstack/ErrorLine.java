package io.provisioner.devstack;

/** A DevStack {@code [ERROR] file:line message} line (from {@code err}/{@code die}), with its log line number. */
public record ErrorLine(long lineNumber, String location, String message) {

    /** Parses a normalised line starting with "[ERROR] ", or returns null. */
    public static ErrorLine parse(long lineNumber, String line) {
        if (!line.startsWith("[ERROR] ")) {
            return null;
        }
        String rest = line.substring(8);
        int sp = rest.indexOf(' ');
        if (sp < 0) {
            return new ErrorLine(lineNumber, rest, "");
        }
        return new ErrorLine(lineNumber, rest.substring(0, sp), rest.substring(sp + 1));
    }
}
