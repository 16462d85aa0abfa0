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

    public static boolean isIpLiteral(String s) {
        if (s == null) {
            return false;
        }
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        if (s.indexOf(':') < 0 || !s.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(s); // a literal with ':' is parsed, never looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String address(String s) {
        if ("local".equals(s) || isIpLiteral(s) || DNS_NAME.matcher(s).matches() && s.length() <= 253) {
            return null;
        }
        return "address '" + s + "' is not an IP address, a host name or 'local'; fix it";
    }

    static String url(String s, String what, List<String> schemes) {
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            return what + " '" + s + "' is not a valid URL (" + e.getReason() + "); write e.g. https://opendev.org";
        }
        if (u.getScheme() == null || !schemes.contains(u.getScheme())) {
            return what + " '" + s + "' must start with " + String.join("://, ", schemes) + "://; fix the scheme";
        }
        if (!"file".equals(u.getScheme()) && (u.getHost() == null || u.getHost().isEmpty())) {
            return what + " '" + s + "' has no host name; write e.g. " + schemes.get(0) + "://host/path";
        }
        if (s.contains(" ") || s.contains("'") || s.contains("\"")) {
            return what + " '" + s + "' contains spaces or quotes; percent-encode them";
        }
        return null;
    }

    static String proxyUrl(String s) {
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            return "proxy URL '" + mask(s) + "' is malformed (" + e.getReason() + "); write http://HOST:PORT";
        }
        if (u.getScheme() == null || !List.of("http", "https", "socks5", "socks5h").contains(u.getScheme())) {
            return "proxy URL '" + mask(s) + "' must start with http://, https://, socks5:// or socks5h://; write http://HOST:PORT";
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            return "proxy URL '" + mask(s) + "' has no host (or the host is not a valid name); write http://HOST:PORT";
        }
        if (u.getPort() == 0 || u.getPort() > 65535) {
            return "proxy URL '" + mask(s) + "' has port " + u.getPort() + ", outside 1-65535; fix the port";
        }
        String path = u.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || u.getRawQuery() != null || u.getRawFragment() != null) {
            return "proxy URL '" + mask(s) + "' has a path or query; a proxy URL is only scheme://HOST:PORT";
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
    static String noProxyEntry(String s) {
        if (s.contains("/")) {
            return "no_proxy entry '" + s + "' is a CIDR range, which many clients ignore; list the addresses one by one";
        }
        String bare = s.startsWith(".") ? s.substring(1) : s;
        if (isIpLiteral(bare) || DNS_NAME.matcher(bare).matches() || s.equals("*")) {
            return null;
        }
        return "no_proxy entry '" + s + "' is not a host name or an IP address; fix it";
    }
}
