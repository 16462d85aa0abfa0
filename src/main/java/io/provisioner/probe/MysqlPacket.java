package io.provisioner.probe;

/** MySQL's wire framing: a 3-byte little-endian payload length, a sequence number, then the payload. */
public final class MysqlPacket {
    private MysqlPacket() {
    }

    public static byte[] frame(int seq, byte[] payload) {
        byte[] out = new byte[4 + payload.length];
        out[0] = (byte) payload.length;
        out[1] = (byte) (payload.length >> 8);
        out[2] = (byte) (payload.length >> 16);
        out[3] = (byte) seq;
        System.arraycopy(payload, 0, out, 4, payload.length);
        return out;
    }
}
