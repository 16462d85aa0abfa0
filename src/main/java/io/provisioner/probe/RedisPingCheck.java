package io.provisioner.probe;

import java.nio.charset.StandardCharsets;

/**
 * Redis: {@code PING} must be answered by {@code +PONG}. {@code -NOAUTH} means the server works but
 * wants a password ({@code degraded}); {@code -LOADING} and other errors are {@code service-error}.
 */
final class RedisPingCheck implements ProtocolCheck {
    @Override
    public Verdict run(Connection connection, ProbeTarget target) throws ProbeFailure {
        connection.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
        String line = connection.readLine(512, "the Redis PING answer");
        if (line.equals("+PONG")) {
            return new Verdict(ProbeOutcome.UP, "PONG");
        }
        if (line.startsWith("-NOAUTH")) {
            return new Verdict(ProbeOutcome.DEGRADED, "authentication required");
        }
        if (line.startsWith("-")) {
            return new Verdict(ProbeOutcome.SERVICE_ERROR, line.substring(1));
        }
        throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "not Redis: '" + Connection.printable(
                line.getBytes(StandardCharsets.ISO_8859_1)) + "'");
    }
}
