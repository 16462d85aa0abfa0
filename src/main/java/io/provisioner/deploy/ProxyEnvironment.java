package io.provisioner.deploy;

import io.provisioner.render.NoProxyList;
import io.provisioner.shell.ShellQuote;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

/**
 * The proxy variables a remote command needs (git clone of DevStack, preflight's git checks), as
 * {@code export} lines. They travel on stdin and are eval'd there: proxy URLs may carry credentials, which
 * must never reach a command line.
 */
final class ProxyEnvironment {
    private ProxyEnvironment() {
    }

    static String exports(Host host) {
        return exports(null, host);
    }

    static String exports(Spec spec, Host host) {
        StringBuilder sb = new StringBuilder();
        if (host.proxy().http() != null && !host.proxy().http().isEmpty()) {
            both(sb, "http_proxy", host.proxy().http());
        }
        if (host.proxy().https() != null && !host.proxy().https().isEmpty()) {
            both(sb, "https_proxy", host.proxy().https());
        }
        if (spec != null && host.proxy().isSet()) {
            both(sb, "no_proxy", String.join(",", NoProxyList.compute(spec, host)));
        }
        return sb.toString();
    }

    private static void both(StringBuilder sb, String name, String value) {
        sb.append("export ").append(name).append('=').append(ShellQuote.quote(value)).append('\n');
        sb.append("export ").append(name.toUpperCase(java.util.Locale.ROOT)).append('=')
                .append(ShellQuote.quote(value)).append('\n');
    }
}
