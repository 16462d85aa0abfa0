package io.provisioner.probe;

/** Parses {@code HTTP/1.x NNN reason}; anything else is a protocol mismatch. */
final class HttpStatusLine {
    private HttpStatusLine() {
    }

    static int code(String line, String who) throws ProbeFailure {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, who + " did not answer HTTP: '"
                    + Connection.printable(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)) + "'");
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, who + " sent a bad HTTP status line: '" + line + "'");
        }
    }
}
