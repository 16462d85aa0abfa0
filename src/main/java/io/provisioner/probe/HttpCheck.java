package io.provisioner.probe;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 GET over the probe's own socket (so the one deadline covers everything), reading at most 10 KiB
 * of body like the kubelet. 2xx {@code up}; 3xx and 429 {@code degraded} (answering, like Kubernetes'
 * "warning"); 5xx, including Apache's 503 while DevStack's uwsgi backend starts, and 4xx {@code service-error}.
 * A Keystone version document in the body is named in the detail.
 */
final class HttpCheck implements ProtocolCheck {
    static final int MAX_BODY = 10 * 1024;
    private static final Pattern KEYSTONE_VERSION = Pattern.compile(
            "\"version\"\\s*:\\s*\\{[^}]*?\"id\"\\s*:\\s*\"(v[0-9.]+)\"");
    private static final Pattern VERSION_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-zA-Z]+)\"");

    /** Null when talking to the server itself; else the proxy's credentials ("" for none) for an absolute-form GET. */
    private final String proxyCredentials;

    HttpCheck() {
        this(null);
    }

    private HttpCheck(String proxyCredentials) {
        this.proxyCredentials = proxyCredentials;
    }

    /**
     * Plain http through an HTTP proxy: {@code GET http://host:port/path} to the proxy, as curl and every browser
     * do (RFC 9112 absolute-form). CONNECT is for https; proxies refuse it to port 80 (Squid's default rules).
     */
    static HttpCheck throughProxy(String credentials) {
        return new HttpCheck(credentials == null ? "" : credentials);
    }

    @Override
    public Verdict run(Connection connection, ProbeTarget target) throws ProbeFailure {
        boolean defaultPort = target.port() == target.protocol().defaultPort();
        String hostHeader = defaultPort ? (target.host().contains(":") ? "[" + target.host() + "]" : target.host())
                : target.authority();
        String requestTarget = proxyCredentials == null ? target.path()
                : target.protocol().scheme() + "://" + hostHeader + target.path();
        String authorization = proxyCredentials == null || proxyCredentials.isEmpty() ? ""
                : "Proxy-Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(
                        proxyCredentials.getBytes(StandardCharsets.UTF_8)) + "\r\n";
        String request = "GET " + requestTarget + " HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nUser-Agent: provisioner-probe\r\nAccept: application/json, */*\r\n" + authorization
                + "Connection: close\r\n\r\n";
        connection.write(request.getBytes(StandardCharsets.ISO_8859_1));
        String status = connection.readLine(1024, "the HTTP status line");
        int code = HttpStatusLine.code(status, "the server");
        String location = null;
        long contentLength = -1;
        for (int i = 0; ; i++) {
            String header = connection.readLine(8192, "the HTTP headers");
            if (header.isEmpty()) {
                break;
            }
            if (i > 200) {
                throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "more than 200 HTTP headers");
            }
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("location:")) {
                location = header.substring(9).strip();
            } else if (lower.startsWith("content-length:")) {
                try {
                    contentLength = Long.parseLong(header.substring(15).strip());
                } catch (NumberFormatException ignored) {
                    // treat as unknown
                }
            }
        }
        int want = contentLength >= 0 ? (int) Math.min(contentLength, MAX_BODY) : MAX_BODY;
        String body = new String(connection.readUpTo(want, "the HTTP body"), StandardCharsets.UTF_8);
        String detail = "HTTP " + status.substring(9).strip() + keystone(body);
        if (code >= 200 && code < 300) {
            return new Verdict(ProbeOutcome.UP, detail);
        }
        if (code >= 300 && code < 400) {
            return new Verdict(ProbeOutcome.DEGRADED, detail + (location == null ? "" : " -> " + location));
        }
        if (code == 429) {
            return new Verdict(ProbeOutcome.DEGRADED, detail);
        }
        if (code < 200) {
            throw new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "unexpected interim response " + detail);
        }
        return new Verdict(ProbeOutcome.SERVICE_ERROR, detail);
    }

    /** "; keystone v3.14 stable" for Keystone's version document, "; keystone versions" for the root list. */
    static String keystone(String body) {
        Matcher versionMatch = KEYSTONE_VERSION.matcher(body);
        if (versionMatch.find()) {
            Matcher statusMatch = VERSION_STATUS.matcher(body);
            return "; keystone " + versionMatch.group(1) + (statusMatch.find() ? " " + statusMatch.group(1) : "");
        }
        if (body.contains("\"versions\"") && body.contains("\"values\"")) {
            return "; keystone versions document";
        }
        return "";
    }
}
