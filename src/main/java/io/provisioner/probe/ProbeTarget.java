package io.provisioner.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What to probe: a protocol, a host, a port and (for HTTP) a path. Parsed from {@code tcp://h:p},
 * {@code http(s)://h[:p]/path}, {@code mysql://h[:p]}, {@code amqp://h[:p]}, {@code memcached://h[:p]},
 * {@code redis://h[:p]}, {@code git://h[:p][/repo]} (a git-daemon request, port 9418).
 */
public record ProbeTarget(Protocol protocol, String host, int port, String path, String text) {

    /** The protocol check to run once connected, with its default port (0 = must be given). */
    public enum Protocol {
        TCP(0), HTTP(80), HTTPS(443), MYSQL(3306), AMQP(5672), MEMCACHED(11211), REDIS(6379), GIT(9418);

        private final int defaultPort;

        Protocol(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }

        public String scheme() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ProbeTarget {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range 1-65535 in '" + text + "'");
        }
    }

    public static ProbeTarget of(Protocol protocol, String host, int port) {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return new ProbeTarget(protocol, host, port, protocol == Protocol.HTTP || protocol == Protocol.HTTPS ? "/" : "",
                protocol.scheme() + "://" + shownHost + ":" + port);
    }

    /** Parses a target; an {@link IllegalArgumentException} names what is wrong in one line. */
    public static ProbeTarget parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty probe target; expected e.g. tcp://host:port");
        }
        String stripped = text.strip();
        int sep = stripped.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("probe target '" + stripped + "' has no scheme; expected one of "
                    + schemes() + ", e.g. tcp://" + stripped);
        }
        String scheme = stripped.substring(0, sep).toLowerCase(Locale.ROOT);
        Protocol protocol;
        try {
            protocol = Protocol.valueOf(scheme.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("probe target '" + stripped + "': unknown scheme '" + scheme
                    + "'; expected one of " + schemes());
        }
        ProbeTarget plain = plainHostAndPort(stripped, sep + 3, protocol);
        if (plain != null) {
            return plain;
        }
        return parseAsUri(stripped, scheme, protocol);
    }

    /** The general case, through {@link URI}: paths, queries, IPv6 literals, default ports and every error. */
    static ProbeTarget parseAsUri(String text, String scheme, Protocol protocol) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("probe target '" + text + "' is not a valid URL: " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("probe target '" + text + "' has no (valid) host name");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort();
        if (port == -1) {
            if (uri.getRawAuthority() != null && uri.getRawAuthority().matches(".*:[^\\]]*$")
                    && !uri.getRawAuthority().endsWith("]")) {
                throw new IllegalArgumentException("probe target '" + text + "' has an invalid port");
            }
            if (protocol.defaultPort() == 0) {
                throw new IllegalArgumentException("probe target '" + text + "' needs a port, e.g. " + scheme + "://"
                        + uri.getRawAuthority() + ":22");
            }
            port = protocol.defaultPort();
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("probe target '" + text + "': port " + port + " out of range 1-65535");
        }
        String path = "";
        if (protocol == Protocol.HTTP || protocol == Protocol.HTTPS) {
            path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
        } else if (protocol == Protocol.GIT) {
            path = uri.getRawPath() == null ? "" : uri.getRawPath();
        } else if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("probe target '" + text + "': a " + scheme + " target takes no path");
        }
        return new ProbeTarget(protocol, host, port, path, text);
    }

    /**
     * The common shape {@code scheme://HOST:PORT}, nothing after the port, read without {@link URI} (a sweep reads
     * tens of thousands of them): HOST a dotted-quad IPv4 address or a plain DNS name whose last label starts
     * with a letter. Anything else (no port, a path, brackets, user info, odd characters, a port out of range)
     * returns null and goes through {@link #parseAsUri}, which gives the same result for what this accepts.
     */
    private static ProbeTarget plainHostAndPort(String text, int hostStart, Protocol protocol) {
        int colon = text.indexOf(':', hostStart);
        if (colon <= hostStart || colon + 1 == text.length() || text.length() - colon - 1 > 5) {
            return null;
        }
        int port = 0;
        for (int i = colon + 1; i < text.length(); i++) {
            char digit = text.charAt(i);
            if (digit < '0' || digit > '9') {
                return null;
            }
            port = port * 10 + (digit - '0');
        }
        if (port < 1 || port > 65535 || !(isIpv4(text, hostStart, colon) || isDnsName(text, hostStart, colon))) {
            return null;
        }
        String path = protocol == Protocol.HTTP || protocol == Protocol.HTTPS ? "/" : "";
        return new ProbeTarget(protocol, text.substring(hostStart, colon), port, path, text);
    }

    /** Four decimal numbers 0-255 separated by dots, as {@link URI} reads an IPv4 address. */
    private static boolean isIpv4(String text, int from, int to) {
        int dots = 0;
        int value = -1;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch == '.') {
                if (value < 0 || ++dots > 3) {
                    return false;
                }
                value = -1;
            } else if (ch >= '0' && ch <= '9') {
                value = value < 0 ? ch - '0' : value * 10 + (ch - '0');
                if (value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return dots == 3 && value >= 0;
    }

    /** Labels of letters, digits and inner hyphens, the last one starting with a letter (RFC 2396's hostname). */
    private static boolean isDnsName(String text, int from, int to) {
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i < to && text.charAt(i) != '.') {
                char ch = text.charAt(i);
                if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-')) {
                    return false;
                }
                continue;
            }
            if (i == labelStart || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                return false;
            }
            if (i == to) {
                char first = text.charAt(labelStart);
                return first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z';
            }
            labelStart = i + 1;
        }
        return false;
    }

    /** {@code host:port}, brackets around IPv6 literals (what CONNECT and Host: want). */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String schemes() {
        return "tcp, http, https, mysql, amqp, memcached, redis, git";
    }
}
