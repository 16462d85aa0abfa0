package io.provisioner.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * MySQL/MariaDB: reads the whole server greeting (HandshakeV10) or the ERR packet sent instead of it
 * (1130 host not allowed, 1129 host blocked, 1040 too many connections: {@code service-error}).
 * <p>
 * Then it finishes the handshake politely instead of hanging up: it logs in as a user that does not exist,
 * gets "access denied" and closes. MySQL counts a connection that hangs up inside the handshake against
 * {@code max_connect_errors} and blocks the host when the count is reached; a failed login is not such an
 * error (this is what {@code mysqladmin ping} does too).
 */
final class MysqlGreetingCheck implements ProtocolCheck {
    static final String PROBE_USER = "provisioner-probe";
    private static final int CLIENT_LONG_PASSWORD = 0x1;
    private static final int CLIENT_PROTOCOL_41 = 0x200;
    private static final int CLIENT_SECURE_CONNECTION = 0x8000;
    private static final int CLIENT_PLUGIN_AUTH = 0x80000;

    @Override
    public Verdict run(Connection connection, ProbeTarget target) throws ProbeFailure {
        byte[] header = connection.readExactly(4, "the MySQL greeting header");
        int len = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        if (looksLikeText(header) || len < 5 || len > 4096 || header[3] != 0) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "not a MySQL greeting: '" + Connection.printable(header) + "'");
        }
        byte[] payload = connection.readExactly(len, "the MySQL greeting");
        int kind = payload[0] & 0xff;
        if (kind == 0xff) {
            int code = (payload[1] & 0xff) | (payload[2] & 0xff) << 8;
            String msg = new String(payload, 3, payload.length - 3, StandardCharsets.UTF_8);
            if (msg.startsWith("#") && msg.length() >= 6) {
                msg = msg.substring(6);
            }
            return new Verdict(ProbeOutcome.SERVICE_ERROR, "ERR " + code + ": " + msg);
        }
        if (kind != 0x0a) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "MySQL protocol version " + kind + ", expected 10");
        }
        int end = 1;
        while (end < payload.length && payload[end] != 0) {
            end++;
        }
        if (end >= payload.length) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "MySQL greeting without a version terminator");
        }
        String version = new String(payload, 1, end - 1, StandardCharsets.US_ASCII);
        String shown = version.startsWith("5.5.5-") ? version.substring(6) : version;
        sayGoodbye(connection);
        return new Verdict(ProbeOutcome.UP, (shown.contains("MariaDB") ? "" : "MySQL ") + shown);
    }

    /** Best effort: the verdict is already known, so failures here are ignored. */
    private static void sayGoodbye(Connection connection) {
        try {
            connection.write(MysqlPacket.frame(1, handshakeResponse()));
            byte[] header = connection.readExactly(4, "the MySQL login answer");
            int len = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            byte[] answer = connection.readExactly(len, "the MySQL login answer");
            int seq = header[3] & 0xff;
            if ((answer[0] & 0xff) == 0xfe) {
                // Auth switch request: give an empty answer, then read the final verdict (access denied).
                connection.write(MysqlPacket.frame(seq + 1, new byte[0]));
                byte[] h2 = connection.readExactly(4, "the MySQL login answer");
                int len2 = (h2[0] & 0xff) | (h2[1] & 0xff) << 8 | (h2[2] & 0xff) << 16;
                answer = connection.readExactly(len2, "the MySQL login answer");
            }
            if ((answer[0] & 0xff) == 0x00) {
                connection.write(MysqlPacket.frame(0, new byte[] {0x01})); // COM_QUIT
            }
        } catch (ProbeFailure ignored) {
            // the greeting was complete; how the server ends the login does not change the verdict
        }
    }

    private static byte[] handshakeResponse() {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        int caps = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH;
        le32(packet, caps);
        le32(packet, 1 << 24);
        packet.write(33); // utf8_general_ci
        packet.writeBytes(new byte[23]);
        packet.writeBytes(PROBE_USER.getBytes(StandardCharsets.US_ASCII));
        packet.write(0);
        packet.write(0); // empty auth response
        packet.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII));
        packet.write(0);
        return packet.toByteArray();
    }

    private static void le32(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >> 8);
        out.write(value >> 16);
        out.write(value >> 24);
    }

    private static boolean looksLikeText(byte[] bytes) {
        for (byte octet : bytes) {
            if (octet < 0x20 || octet > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
