package io.provisioner.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The proxies a sandbox run uses instead of the spec's: one real HTTP proxy on loopback per distinct proxy
 * address in the spec (tinyproxy where installed, else {@link JvmHttpProxy}), so nothing in the run ever
 * contacts an address from the user's spec. Says which address stands in for which.
 */
public final class ProxyStandIns implements AutoCloseable {
    /** Which proxy program stands in. */
    public enum Kind { TINYPROXY_OR_JVM, JVM }

    private final Map<String, HttpProxyStandIn> byAddress = new LinkedHashMap<>();

    private ProxyStandIns() {
    }

    /** Starts one stand-in per distinct {@code host:port} among {@code proxyUrls}; {@code dir} holds their files. */
    public static ProxyStandIns start(Collection<String> proxyUrls, Path dir, Kind kind) throws IOException {
        ProxyStandIns out = new ProxyStandIns();
        try {
            for (String url : proxyUrls) {
                String address = address(url);
                if (address == null || out.byAddress.containsKey(address)) {
                    continue;
                }
                Optional<HttpProxyStandIn> tiny = kind == Kind.JVM ? Optional.empty()
                        : TinyproxyStandIn.start(dir.resolve("proxy-" + (out.byAddress.size() + 1)));
                out.byAddress.put(address, tiny.isPresent() ? tiny.get() : JvmHttpProxy.start());
            }
            return out;
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** {@code host:port} of a proxy URL (no credentials; port 80 when left out), or null when it has no host. */
    static String address(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.contains("://") ? url : "http://" + url);
            if (uri.getHost() == null) {
                return null;
            }
            return uri.getHost() + ":" + (uri.getPort() < 0 ? 80 : uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The stand-in's URL for a spec proxy URL; the URL itself when none stands in (blank or unparsable). */
    public String replace(String url) {
        String address = address(url);
        HttpProxyStandIn standIn = address == null ? null : byAddress.get(address);
        return standIn == null ? url : standIn.url();
    }

    /** One line per stand-in: {@code proxy.corp.example:3128 -> http://127.0.0.1:40123 (tinyproxy)}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        byAddress.forEach((address, standIn) -> lines.add(address + " -> " + standIn.url() + " (" + standIn.kind() + ")"));
        return lines;
    }

    public boolean isEmpty() {
        return byAddress.isEmpty();
    }

    @Override
    public void close() {
        byAddress.values().forEach(HttpProxyStandIn::close);
        byAddress.clear();
    }
}
