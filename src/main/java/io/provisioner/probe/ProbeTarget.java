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
        String h = host.contains(":") ? "[" + host + "]" : host;
        return new ProbeTarget(protocol, host, port, protocol == Protocol.HTTP || protocol == Protocol.HTTPS ? "/" : "",
                protocol.scheme() + "://" + h + ":" + port);
    }

    /** Parses a target; an {@link IllegalArgumentException} names what is wrong in one line. */
    public static ProbeTarget parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty probe target; expected e.g. tcp://host:port");
        }
        String s = text.strip();
        int sep = s.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("probe target '" + s + "' has no scheme; expected one of "
                    + schemes() + ", e.g. tcp://" + s);
        }
        String scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
        Protocol protocol;
        try {
            protocol = Protocol.valueOf(scheme.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("probe target '" + s + "': unknown scheme '" + scheme
                    + "'; expected one of " + schemes());
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("probe target '" + s + "' is not a valid URL: " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("probe target '" + s + "' has no (valid) host name");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort();
        if (port == -1) {
            if (uri.getRawAuthority() != null && uri.getRawAuthority().matches(".*:[^\\]]*$")
                    && !uri.getRawAuthority().endsWith("]")) {
                throw new IllegalArgumentException("probe target '" + s + "' has an invalid port");
            }
            if (protocol.defaultPort() == 0) {
                throw new IllegalArgumentException("probe target '" + s + "' needs a port, e.g. " + scheme + "://"
                        + uri.getRawAuthority() + ":22");
            }
            port = protocol.defaultPort();
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("probe target '" + s + "': port " + port + " out of range 1-65535");
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
            throw new IllegalArgumentException("probe target '" + s + "': a " + scheme + " target takes no path");
        }
        return new ProbeTarget(protocol, host, port, path, s);
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
