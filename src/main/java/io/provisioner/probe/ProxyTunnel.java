package io.provisioner.probe;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opens an HTTP CONNECT tunnel through a proxy and tells apart "the proxy refused us" (403, 407, 405:
 * {@code service-error}) from "the proxy could not reach the target" (500, 502, 503: {@code host-unreachable};
 * 504: {@code connect-timeout}). Headers are read byte by byte so no tunnelled byte is swallowed.
 */
final class ProxyTunnel {
    private ProxyTunnel() {
    }

    /** {@code credentials} is {@code user:password} from the proxy URL, or null; it is never put in a detail. */
    static void open(Connection connection, ProbeTarget target, String proxyName, String credentials) throws ProbeFailure {
        StringBuilder req = new StringBuilder()
                .append("CONNECT ").append(target.authority()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.authority()).append("\r\n")
                .append("User-Agent: provisioner-probe\r\n");
        if (credentials != null) {
            req.append("Proxy-Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        req.append("\r\n");
        connection.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
        String status = connection.readLine(1024, "the proxy's answer to CONNECT");
        int code = HttpStatusLine.code(status, "proxy " + proxyName);
        for (int i = 0; i < 100; i++) {
            if (connection.readLine(8192, "the proxy's CONNECT headers").isEmpty()) {
                break;
            }
        }
        String reason = status.length() > 12 ? status.substring(9) : String.valueOf(code);
        if (code / 100 == 2) {
            return;
        }
        String where = "proxy " + proxyName + " ";
        switch (code) {
            case 403, 405, 407 -> throw new ProbeFailure(ProbeOutcome.SERVICE_ERROR,
                    where + "refused CONNECT to " + target.authority() + ": " + reason);
            case 504 -> throw new ProbeFailure(ProbeOutcome.CONNECT_TIMEOUT,
                    where + "timed out reaching " + target.authority() + ": " + reason);
            case 500, 502, 503 -> throw new ProbeFailure(ProbeOutcome.HOST_UNREACHABLE,
                    where + "could not reach " + target.authority() + ": " + reason);
            default -> throw new ProbeFailure(ProbeOutcome.SERVICE_ERROR,
                    where + "answered CONNECT to " + target.authority() + " with " + reason);
        }
    }
}
