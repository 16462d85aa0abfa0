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
    public Verdict run(Connection c, ProbeTarget target) throws ProbeFailure {
        byte[] header = c.readExactly(4, "the MySQL greeting header");
        int len = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        if (looksLikeText(header) || len < 5 || len > 4096 || header[3] != 0) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "not a MySQL greeting: '" + Connection.printable(header) + "'");
        }
        byte[] p = c.readExactly(len, "the MySQL greeting");
        int kind = p[0] & 0xff;
        if (kind == 0xff) {
            int code = (p[1] & 0xff) | (p[2] & 0xff) << 8;
            String msg = new String(p, 3, p.length - 3, StandardCharsets.UTF_8);
            if (msg.startsWith("#") && msg.length() >= 6) {
                msg = msg.substring(6);
            }
            return new Verdict(ProbeOutcome.SERVICE_ERROR, "ERR " + code + ": " + msg);
        }
        if (kind != 0x0a) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "MySQL protocol version " + kind + ", expected 10");
        }
        int end = 1;
        while (end < p.length && p[end] != 0) {
            end++;
        }
        if (end >= p.length) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "MySQL greeting without a version terminator");
        }
        String version = new String(p, 1, end - 1, StandardCharsets.US_ASCII);
        String shown = version.startsWith("5.5.5-") ? version.substring(6) : version;
        sayGoodbye(c);
        return new Verdict(ProbeOutcome.UP, (shown.contains("MariaDB") ? "" : "MySQL ") + shown);
    }

    /** Best effort: the verdict is already known, so failures here are ignored. */
    private static void sayGoodbye(Connection c) {
        try {
            c.write(MysqlPacket.frame(1, handshakeResponse()));
            byte[] h = c.readExactly(4, "the MySQL login answer");
            int len = (h[0] & 0xff) | (h[1] & 0xff) << 8 | (h[2] & 0xff) << 16;
            byte[] answer = c.readExactly(len, "the MySQL login answer");
            int seq = h[3] & 0xff;
            if ((answer[0] & 0xff) == 0xfe) {
                // Auth switch request: give an empty answer, then read the final verdict (access denied).
                c.write(MysqlPacket.frame(seq + 1, new byte[0]));
                byte[] h2 = c.readExactly(4, "the MySQL login answer");
                int len2 = (h2[0] & 0xff) | (h2[1] & 0xff) << 8 | (h2[2] & 0xff) << 16;
                answer = c.readExactly(len2, "the MySQL login answer");
            }
            if ((answer[0] & 0xff) == 0x00) {
                c.write(MysqlPacket.frame(0, new byte[] {0x01})); // COM_QUIT
            }
        } catch (ProbeFailure ignored) {
            // the greeting was complete; how the server ends the login does not change the verdict
        }
    }

    private static byte[] handshakeResponse() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int caps = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH;
        le32(b, caps);
        le32(b, 1 << 24);
        b.write(33); // utf8_general_ci
        b.writeBytes(new byte[23]);
        b.writeBytes(PROBE_USER.getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.write(0); // empty auth response
        b.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        return b.toByteArray();
    }

    private static void le32(ByteArrayOutputStream b, int v) {
        b.write(v);
        b.write(v >> 8);
        b.write(v >> 16);
        b.write(v >> 24);
    }

    private static boolean looksLikeText(byte[] h) {
        for (byte x : h) {
            if (x < 0x20 || x > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
