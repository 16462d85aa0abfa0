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
    public Verdict run(Connection connection, ProbeTarget target) throws ProbeFailure {
        connection.write(HEADER);
        byte[] head = connection.readExactly(7, "the AMQP Connection.Start frame");
        if (head[0] == 'A' && head[1] == 'M' && head[2] == 'Q' && head[3] == 'P') {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "server wants another AMQP version: "
                    + (head[4] & 0xff) + "-" + (head[5] & 0xff) + "-" + (head[6] & 0xff));
        }
        ByteBuffer headBuffer = ByteBuffer.wrap(head);
        int type = headBuffer.get() & 0xff;
        int channel = headBuffer.getShort() & 0xffff;
        long size = headBuffer.getInt() & 0xffffffffL;
        if (type != 1 || channel != 0 || size < 4 || size > 1 << 20) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "not an AMQP method frame: '" + Connection.printable(head) + "'");
        }
        byte[] body = connection.readExactly((int) size + 1, "the AMQP Connection.Start frame");
        ByteBuffer bodyBuffer = ByteBuffer.wrap(body);
        int classId = bodyBuffer.getShort() & 0xffff;
        int methodId = bodyBuffer.getShort() & 0xffff;
        if (classId != 10 || methodId != 10 || (body[body.length - 1] & 0xff) != 0xce) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "AMQP frame is not Connection.Start (class " + classId
                    + " method " + methodId + ")");
        }
        int major = bodyBuffer.get();
        int minor = bodyBuffer.get();
        Map<String, String> props = new HashMap<>();
        try {
            readTable(bodyBuffer, props);
        } catch (RuntimeException e) {
            // the frame was well-formed; an odd property table only costs us the detail
        }
        String product = props.getOrDefault("product", "AMQP server");
        String version = props.getOrDefault("version", "");
        return new Verdict(ProbeOutcome.UP, (product + " " + version).strip() + " (AMQP " + major + "-" + minor + ")");
    }

    /** Reads a field table, keeping the string values. */
    private static void readTable(ByteBuffer buffer, Map<String, String> out) {
        long len = buffer.getInt() & 0xffffffffL;
        int end = buffer.position() + (int) len;
        while (buffer.position() < end) {
            String name = shortString(buffer);
            char type = (char) buffer.get();
            switch (type) {
                case 'S', 'x' -> out.put(name, longString(buffer));
                case 'F' -> readTable(buffer, new HashMap<>());
                case 'A' -> buffer.position(buffer.position() + 4 + buffer.getInt(buffer.position()));
                case 't', 'b', 'B' -> buffer.position(buffer.position() + 1);
                case 's', 'u' -> buffer.position(buffer.position() + 2);
                case 'I', 'i', 'f' -> buffer.position(buffer.position() + 4);
                case 'l', 'd', 'T' -> buffer.position(buffer.position() + 8);
                case 'D' -> buffer.position(buffer.position() + 5);
                case 'V' -> {
                }
                default -> throw new IllegalStateException("unknown AMQP field type " + type);
            }
        }
    }

    private static String shortString(ByteBuffer buffer) {
        byte[] raw = new byte[buffer.get() & 0xff];
        buffer.get(raw);
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static String longString(ByteBuffer buffer) {
        byte[] raw = new byte[buffer.getInt()];
        buffer.get(raw);
        return new String(raw, StandardCharsets.UTF_8);
    }
}
