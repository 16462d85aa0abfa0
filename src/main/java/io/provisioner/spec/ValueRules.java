package io.provisioner.spec;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shape rules for single values. Each check returns null when the value is fine, else the message
 * "what is wrong; how to fix". The JSON Schema carries the same patterns.
 */
public final class ValueRules {
    static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})");
    static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    /** Digits and dots: meant as an IPv4 address (see {@link #looksLikeIpv4}). */
    static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]*\\.[0-9.]*");
    static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");
    static final Pattern GIT_REF = Pattern.compile("[A-Za-z0-9._/-]+");
    static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    static final Pattern PLUGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]+");
    static final Pattern ABSOLUTE_PATH = Pattern.compile("/[^\\s]*");
    static final Pattern JUMP = Pattern.compile("([a-z_][a-z0-9_.-]*@)?([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:([0-9]{1,5}))?");
    static final Pattern CONF_FILE = Pattern.compile("[A-Za-z0-9_$/{}.-]+");
    static final Pattern INI_SECTION = Pattern.compile("[A-Za-z0-9_.:-]+");
    static final Pattern INI_KEY = Pattern.compile("[A-Za-z0-9_.-]+");
    static final List<String> GIT_SCHEMES = List.of("git", "https", "http", "file");

    private ValueRules() {
    }

    public static boolean isIpLiteral(String text) {
        if (text == null) {
            return false;
        }
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (text.indexOf(':') < 0 || !text.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(text); // a literal with ':' is parsed, never looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String address(String text) {
        if (looksLikeIpv4(text) && !isIpLiteral(text)) {
            return "address '" + text + "' is not an IPv4 address (four numbers 0-255, dot-separated); fix it";
        }
        if ("local".equals(text) || isIpLiteral(text) || DNS_NAME.matcher(text).matches() && text.length() <= 253) {
            return null;
        }
        return "address '" + text + "' is not an IP address, a host name or 'local'; fix it";
    }

    /**
     * Digits and dots only: meant as an IPv4 address, never a host name (a name's last label is not all digits),
     * so {@code 192.168.50.300} or {@code 10.0.0} is a typo to report, not a name to look up at deploy time.
     */
    static boolean looksLikeIpv4(String text) {
        return DIGITS_AND_DOTS.matcher(text).matches();
    }

    static String url(String text, String what, List<String> schemes) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return what + " '" + text + "' is not a valid URL (" + e.getReason() + "); write e.g. https://opendev.org";
        }
        if (uri.getScheme() == null || !schemes.contains(uri.getScheme())) {
            return what + " '" + text + "' must start with " + String.join("://, ", schemes) + "://; fix the scheme";
        }
        if (!"file".equals(uri.getScheme()) && (uri.getHost() == null || uri.getHost().isEmpty())) {
            return what + " '" + text + "' has no host name; write e.g. " + schemes.get(0) + "://host/path";
        }
        if (text.contains(" ") || text.contains("'") || text.contains("\"")) {
            return what + " '" + text + "' contains spaces or quotes; percent-encode them";
        }
        return null;
    }

    static String proxyUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return "proxy URL '" + mask(text) + "' is malformed (" + e.getReason() + "); write http://HOST:PORT";
        }
        if (uri.getScheme() == null || !List.of("http", "https", "socks5", "socks5h").contains(uri.getScheme())) {
            return "proxy URL '" + mask(text)
                    + "' must start with http://, https://, socks5:// or socks5h://; write http://HOST:PORT";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "proxy URL '" + mask(text) + "' has no host (or the host is not a valid name); write http://HOST:PORT";
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return "proxy URL '" + mask(text) + "' has port " + uri.getPort() + ", outside 1-65535; fix the port";
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return "proxy URL '" + mask(text) + "' has a path or query; a proxy URL is only scheme://HOST:PORT";
        }
        return null;
    }

    /** A proxy URL with its credentials hidden, for messages. */
    static String mask(String url) {
        int at = url.lastIndexOf('@');
        int scheme = url.indexOf("://");
        if (at > 0 && scheme > 0 && at > scheme) {
            return url.substring(0, scheme + 3) + Secret.MASK + url.substring(at);
        }
        return url;
    }

    /** An explicit no_proxy entry: a host name, IP or .domain suffix; CIDR is refused (many clients ignore it). */
    static String noProxyEntry(String text) {
        if (text.contains("/")) {
            return "no_proxy entry '" + text + "' is a CIDR range, which many clients ignore; list the addresses one by one";
        }
        String bare = text.startsWith(".") ? text.substring(1) : text;
        if (looksLikeIpv4(bare) && !isIpLiteral(bare)) {
            return "no_proxy entry '" + text + "' is not an IPv4 address (four numbers 0-255, dot-separated); fix it";
        }
        if (isIpLiteral(bare) || DNS_NAME.matcher(bare).matches() || text.equals("*")) {
            return null;
        }
        return "no_proxy entry '" + text + "' is not a host name or an IP address; fix it";
    }
}
