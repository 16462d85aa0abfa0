package io.provisioner.service.http;

import io.provisioner.service.auth.TokenStore;
import io.provisioner.service.metrics.ServiceMetrics;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API server's connections: it asks the JDK's server for TCP_NODELAY (whether the JDK applied it shows only as
 * time, 40 ms per keep-alive request, which the service benchmark measures rather than a test), and a connection
 * carries several answers.
 */
class ApiServerTest {
    @Test
    void theServerAsksForNoDelayAndAnswersTwiceOnOneConnection() throws Exception {
        try (ApiServer api = new ApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TokenStore.fromEnvironment("a-token"), new ServiceMetrics(Map::of), 2)) {
            api.start();
            // the JDK's server (no routes here: every path is 404) sets TCP_NODELAY on its connections when this is true as it makes its first server
            assertThat(System.getProperty(ApiServer.NODELAY)).isEqualTo("true");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.port())) {
                OutputStream out = socket.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                for (int i = 0; i < 2; i++) {
                    out.write("GET /api/v1/runs HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    assertThat(in.readLine()).as("answer %d on one connection", i + 1).startsWith("HTTP/1.1 404");
                    int length = -1;
                    for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).strip());
                        }
                    }
                    char[] body = new char[length];
                    assertThat(in.read(body, 0, length)).isEqualTo(length);
                    assertThat(new String(body)).contains("no such endpoint");
                }
            }
        }
    }
}
