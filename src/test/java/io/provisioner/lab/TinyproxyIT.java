package io.provisioner.lab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TinyproxyIT {

    @Test
    void connectPortsDecideWhatCanBeTunnelled() throws IOException {
        try (ServerSocket target = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             Tinyproxy proxy = Tinyproxy.builder().connectPorts(target.getLocalPort()).start()) {
            assertThat(connect(proxy, target.getLocalPort())).matches("HTTP/1\\.[01] 200.*");
            assertThat(connect(proxy, 22)).matches("HTTP/1\\.[01] 403.*");
            assertThat(proxy.log()).contains("Refused CONNECT method on port 22");
        }
    }

    private static String connect(Tinyproxy proxy, int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", proxy.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }
    }
}
