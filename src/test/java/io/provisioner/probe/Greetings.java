package io.provisioner.probe;

import java.util.HexFormat;

/** Protocol bytes captured from real servers (reference/libraries-and-probes.md §7.3). */
final class Greetings {
    /** MariaDB 10.11.19's HandshakeV10, with its 4-byte header. */
    static final byte[] MARIADB = HexFormat.of().parseHex(
            "64000000"
                    + "0a352e352e352d31302e31312e31392d"
                    + "4d6172696144422d302b646562313275"
                    + "31000300000041436d783745367d00fe"
                    + "f72d0200ff81150000000000001d0000"
                    + "00352c7d556d46565c4a3f3d54006d79"
                    + "73716c5f6e61746976655f7061737377"
                    + "6f726400");

    static byte[] mysqlErr(int code, String message) {
        byte[] msg = message.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] p = new byte[4 + 3 + msg.length];
        int len = 3 + msg.length;
        p[0] = (byte) len;
        p[1] = (byte) (len >> 8);
        p[3] = 0;
        p[4] = (byte) 0xff;
        p[5] = (byte) code;
        p[6] = (byte) (code >> 8);
        System.arraycopy(msg, 0, p, 7, msg.length);
        return p;
    }

    private Greetings() {
    }
}
