package io.provisioner.probe;

import java.nio.charset.StandardCharsets;

/**
 * git://: sends what {@code git clone git://HOST/REPO} sends first, the git-daemon request
 * {@code git-upload-pack /REPO\0host=HOST\0} in a pkt-line, and reads the first pkt-line of the answer. A ref
 * advertisement (or the flush of an empty repository) is {@code up}; {@code ERR ...} is a git daemon that does
 * not serve the repository ({@code service-error} when a repository was named, {@code up} when only the daemon
 * was asked for); anything that is not a pkt-line (an HTTP server's 400, an SSH banner) is {@code protocol-mismatch}.
 */
final class GitDaemonCheck implements ProtocolCheck {
    /** The largest pkt-line git allows (LARGE_PACKET_MAX). */
    private static final int MAX_PKT = 65520;

    @Override
    public Verdict run(Connection connection, ProbeTarget target) throws ProbeFailure {
        boolean repoNamed = !target.path().isEmpty() && !target.path().equals("/");
        String repo = repoNamed ? target.path() : "/";
        connection.write(request(repo, target));
        byte[] header = connection.readExactly(4, "the git daemon's answer");
        int length = pktLength(header);
        if (length == 0) {
            goodbye(connection);
            return new Verdict(ProbeOutcome.UP, "git daemon; " + repo + " is an empty repository");
        }
        String line = new String(connection.readExactly(length - 4, "the git daemon's answer"), StandardCharsets.UTF_8);
        if (line.startsWith("ERR ")) {
            String why = line.substring(4).strip();
            return repoNamed ? new Verdict(ProbeOutcome.SERVICE_ERROR, "git daemon refused " + repo + ": " + why)
                    : new Verdict(ProbeOutcome.UP, "git daemon (answered for no repository: " + why + ")");
        }
        goodbye(connection);
        int nul = line.indexOf('\0');
        String first = nul >= 0 ? line.substring(0, nul) : line.strip();
        String[] shaAndRef = first.split(" ", 2);
        String head = shaAndRef.length == 2 ? shaAndRef[1] + " " + shaAndRef[0].substring(0, Math.min(12, shaAndRef[0].length()))
                : first;
        return new Verdict(ProbeOutcome.UP, "git daemon; " + repo + " at " + head);
    }

    /** {@code git-upload-pack /REPO\0host=HOST[:PORT]\0} as one pkt-line (what git's connect.c sends). */
    static byte[] request(String repo, ProbeTarget target) {
        boolean defaultPort = target.port() == ProbeTarget.Protocol.GIT.defaultPort();
        String host = defaultPort ? target.authority().substring(0, target.authority().lastIndexOf(':')) : target.authority();
        String payload = "git-upload-pack " + repo + "\0host=" + host + "\0";
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return (String.format("%04x", body.length + 4) + payload).getBytes(StandardCharsets.UTF_8);
    }

    /** The pkt-line length from its four hex digits (0 = flush); anything else is not git. */
    private static int pktLength(byte[] header) throws ProbeFailure {
        String hex = new String(header, StandardCharsets.ISO_8859_1);
        if (!hex.matches("[0-9a-f]{4}")) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "not a git daemon: '" + Connection.printable(header) + "'"
                    + " is not a pkt-line length");
        }
        int length = Integer.parseInt(hex, 16);
        if (length != 0 && (length < 4 || length > MAX_PKT)) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "not a git daemon: pkt-line length " + length);
        }
        return length;
    }

    /** A flush ends the exchange the way git does when it wants nothing; best effort. */
    private static void goodbye(Connection connection) {
        try {
            connection.write("0000".getBytes(StandardCharsets.US_ASCII));
        } catch (ProbeFailure ignored) {
            // the verdict is known already
        }
    }
}
