package io.provisioner.probe;

import java.nio.charset.StandardCharsets;

/** memcached: {@code version\r\n} must be answered by {@code VERSION x.y.z}. */
final class MemcachedVersionCheck implements ProtocolCheck {
    @Override
    public Verdict run(Connection connection, ProbeTarget target) throws ProbeFailure {
        connection.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
        String line = connection.readLine(256, "the memcached version line");
        if (line.startsWith("VERSION ")) {
            return new Verdict(ProbeOutcome.UP, "memcached " + line.substring(8).strip());
        }
        if (line.startsWith("SERVER_ERROR")) {
            return new Verdict(ProbeOutcome.SERVICE_ERROR, line);
        }
        throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "not memcached: '" + Connection.printable(
                line.getBytes(StandardCharsets.ISO_8859_1)) + "'");
    }
}
