package io.provisioner.probe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * AMQP 0-9-1: sends the protocol header and reads the Connection.Start frame (type 1, channel 0,
 * class 10 method 10, frame end 0xCE); the detail is the server's product and version. A server that
 * answers with its own protocol header speaks another AMQP version: {@code protocol-mismatch}.
 */
final class AmqpStartCheck implements ProtocolCheck {
    static final byte[] HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    @Override
    public Verdict run(Connection c, ProbeTarget target) throws ProbeFailure {
        c.write(HEADER);
        byte[] head = c.readExactly(7, "the AMQP Connection.Start frame");
        if (head[0] == 'A' && head[1] == 'M' && head[2] == 'Q' && head[3] == 'P') {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "server wants another AMQP version: "
                    + (head[4] & 0xff) + "-" + (head[5] & 0xff) + "-" + (head[6] & 0xff));
        }
        ByteBuffer h = ByteBuffer.wrap(head);
        int type = h.get() & 0xff;
        int channel = h.getShort() & 0xffff;
        long size = h.getInt() & 0xffffffffL;
        if (type != 1 || channel != 0 || size < 4 || size > 1 << 20) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "not an AMQP method frame: '" + Connection.printable(head) + "'");
        }
        byte[] body = c.readExactly((int) size + 1, "the AMQP Connection.Start frame");
        ByteBuffer b = ByteBuffer.wrap(body);
        int classId = b.getShort() & 0xffff;
        int methodId = b.getShort() & 0xffff;
        if (classId != 10 || methodId != 10 || (body[body.length - 1] & 0xff) != 0xce) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "AMQP frame is not Connection.Start (class " + classId
                    + " method " + methodId + ")");
        }
        int major = b.get();
        int minor = b.get();
        Map<String, String> props = new HashMap<>();
        try {
            readTable(b, props);
        } catch (RuntimeException e) {
            // the frame was well-formed; an odd property table only costs us the detail
        }
        String product = props.getOrDefault("product", "AMQP server");
        String version = props.getOrDefault("version", "");
        return new Verdict(ProbeOutcome.UP, (product + " " + version).strip() + " (AMQP " + major + "-" + minor + ")");
    }

    /** Reads a field table, keeping the string values. */
    private static void readTable(ByteBuffer b, Map<String, String> out) {
        long len = b.getInt() & 0xffffffffL;
        int end = b.position() + (int) len;
        while (b.position() < end) {
            String name = shortString(b);
            char type = (char) b.get();
            switch (type) {
                case 'S', 'x' -> out.put(name, longString(b));
                case 'F' -> readTable(b, new HashMap<>());
                case 'A' -> b.position(b.position() + 4 + b.getInt(b.position()));
                case 't', 'b', 'B' -> b.position(b.position() + 1);
                case 's', 'u' -> b.position(b.position() + 2);
                case 'I', 'i', 'f' -> b.position(b.position() + 4);
                case 'l', 'd', 'T' -> b.position(b.position() + 8);
                case 'D' -> b.position(b.position() + 5);
                case 'V' -> {
                }
                default -> throw new IllegalStateException("unknown AMQP field type " + type);
            }
        }
    }

    private static String shortString(ByteBuffer b) {
        byte[] s = new byte[b.get() & 0xff];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static String longString(ByteBuffer b) {
        byte[] s = new byte[b.getInt()];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
