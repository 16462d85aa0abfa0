package io.provisioner.probe;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Maps a JDK socket exception onto an outcome. Branches on the exception type first; the message is read
 * only where Java has no dedicated type (ENETUNREACH, ECONNRESET and EPIPE all arrive as a plain
 * SocketException), and matched case-insensitively because JDK 13 changed the wording.
 */
final class FailureClassifier {

    /** Where in the probe the exception happened: the same timeout means different things. */
    enum Phase { CONNECT, EXCHANGE }

    /** ECONNREFUSED's text, as the JDK gives it. */
    private static final String REFUSED = "Connection refused";

    private FailureClassifier() {
    }

    static ProbeFailure classify(IOException e, Phase phase) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException && msg.equals(REFUSED)) {
            return new ProbeFailure(ProbeOutcome.REFUSED, msg); // most of a port sweep: what the checks below conclude
        }
        String lower = msg.toLowerCase(Locale.ROOT);
        if (e instanceof UnknownHostException) {
            return new ProbeFailure(ProbeOutcome.DNS_FAILURE, "name did not resolve: " + msg);
        }
        if (e instanceof SocketTimeoutException) {
            return phase == Phase.CONNECT
                    ? new ProbeFailure(ProbeOutcome.CONNECT_TIMEOUT, "no answer to connect before the deadline")
                    : new ProbeFailure(ProbeOutcome.READ_TIMEOUT, "connected, peer silent until the deadline");
        }
        if (e instanceof NoRouteToHostException || lower.contains("host is down")) {
            return new ProbeFailure(ProbeOutcome.HOST_UNREACHABLE, msg);
        }
        if (e instanceof ConnectException) {
            // ETIMEDOUT from the kernel's own SYN retries also arrives as ConnectException.
            if (lower.contains("timed out")) {
                return new ProbeFailure(ProbeOutcome.CONNECT_TIMEOUT, msg);
            }
            if (lower.contains("unreachable")) {
                return new ProbeFailure(lower.contains("network") ? ProbeOutcome.NETWORK_UNREACHABLE
                        : ProbeOutcome.HOST_UNREACHABLE, msg);
            }
            return new ProbeFailure(ProbeOutcome.REFUSED, msg);
        }
        if (e instanceof SSLException) {
            if (e.getCause() instanceof SocketTimeoutException) {
                return new ProbeFailure(ProbeOutcome.READ_TIMEOUT, "TLS handshake: peer silent until the deadline");
            }
            if (lower.contains("reset")) {
                return new ProbeFailure(ProbeOutcome.RESET, "TLS handshake: " + msg);
            }
            return new ProbeFailure(ProbeOutcome.TLS_ERROR, msg);
        }
        if (lower.contains("broken pipe")) {
            // A SocketException from a classic socket, a plain IOException from a channel's socket.
            return new ProbeFailure(ProbeOutcome.CLOSED_EARLY, "broken pipe: the peer closed before our write");
        }
        if (e instanceof SocketException) {
            if (lower.contains("network is unreachable")) {
                return new ProbeFailure(ProbeOutcome.NETWORK_UNREACHABLE, msg);
            }
            if (lower.contains("reset")) {
                return new ProbeFailure(ProbeOutcome.RESET, msg);
            }
            if (phase == Phase.CONNECT) {
                return new ProbeFailure(ProbeOutcome.HOST_UNREACHABLE, msg);
            }
        }
        if (e instanceof java.io.EOFException) {
            return new ProbeFailure(ProbeOutcome.CLOSED_EARLY, msg);
        }
        return new ProbeFailure(phase == Phase.CONNECT ? ProbeOutcome.HOST_UNREACHABLE : ProbeOutcome.RESET,
                e.getClass().getSimpleName() + ": " + msg);
    }
}
