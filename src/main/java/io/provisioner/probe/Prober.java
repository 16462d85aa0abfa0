package io.provisioner.probe;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one probe under one deadline: resolve, connect (directly, or through an HTTP proxy with CONNECT),
 * TLS for https, then the protocol check. Never throws: every way it can end is an {@link Outcome}.
 * HTTP is never sent through a proxy unless one is given here (DevStack's own wait loop uses --noproxy).
 */
public final class Prober {
    private final URI proxy;

    private Prober(URI proxy) {
        this.proxy = proxy;
    }

    public static Prober direct() {
        return new Prober(null);
    }

    /** Probes through an HTTP proxy ({@code http://[user:pass@]host:port}) with CONNECT for every protocol. */
    public static Prober viaProxy(URI proxy) {
        if (proxy == null) {
            return direct();
        }
        if (!"http".equalsIgnoreCase(proxy.getScheme()) || proxy.getHost() == null) {
            throw new IllegalArgumentException("proxy '" + redacted(proxy) + "' must look like http://host:port");
        }
        return new Prober(proxy);
    }

    public ProbeResult probe(ProbeTarget target, Duration timeout) {
        long start = System.nanoTime();
        Deadline deadline = Deadline.after(timeout);
        AtomicReference<String> address = new AtomicReference<>();
        Outcome outcome;
        String detail;
        try (Connection c = open(target, deadline, address)) {
            ProtocolCheck.Verdict v = ProtocolCheck.forTarget(target).run(c, target);
            outcome = v.outcome();
            detail = v.detail();
        } catch (ProbeFailure f) {
            outcome = f.outcome();
            detail = f.detail();
        } catch (RuntimeException e) {
            // A bug or an odd JDK exception must not kill a sweep; say what it was.
            outcome = Outcome.PROTOCOL_MISMATCH;
            detail = "probe failed unexpectedly: " + e;
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (proxy != null && detail != null && !detail.startsWith("proxy ")) {
            detail = "via proxy: " + detail;
        }
        return new ProbeResult(target.text(), address.get(), outcome, elapsed, detail);
    }

    private Connection open(ProbeTarget target, Deadline deadline, AtomicReference<String> address) throws ProbeFailure {
        Socket raw;
        if (proxy == null) {
            raw = Dialer.connect(target.host(), target.port(), deadline, address);
        } else {
            int port = proxy.getPort() == -1 ? 3128 : proxy.getPort();
            String name = proxy.getHost() + ":" + port;
            try {
                raw = Dialer.connect(proxy.getHost(), port, deadline, address);
            } catch (ProbeFailure f) {
                throw new ProbeFailure(f.outcome(), "proxy " + name + " itself: " + f.detail());
            }
            try {
                ProxyTunnel.open(new Connection(raw, deadline), target, name, credentials());
            } catch (ProbeFailure f) {
                Dialer.closeQuietly(raw);
                throw f;
            } catch (IOException e) {
                Dialer.closeQuietly(raw);
                throw FailureClassifier.classify(e, FailureClassifier.Phase.EXCHANGE);
            }
        }
        try {
            if (target.protocol() == ProbeTarget.Protocol.HTTPS) {
                return new Connection(tls(raw, target, deadline), raw, deadline);
            }
            return new Connection(raw, deadline);
        } catch (ProbeFailure f) {
            Dialer.closeQuietly(raw);
            throw f;
        } catch (IOException e) {
            Dialer.closeQuietly(raw);
            throw FailureClassifier.classify(e, FailureClassifier.Phase.EXCHANGE);
        }
    }

    private static SSLSocket tls(Socket raw, ProbeTarget target, Deadline deadline) throws IOException, ProbeFailure {
        SSLSocket s = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(raw, target.host(), target.port(), true);
        s.setSoTimeout(deadline.timeoutOr(Outcome.READ_TIMEOUT, "the TLS handshake"));
        var params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(params);
        s.startHandshake();
        return s;
    }

    private String credentials() {
        String ui = proxy.getRawUserInfo();
        return ui == null ? null : URLDecoder.decode(ui, StandardCharsets.UTF_8);
    }

    /** The proxy URL without its credentials, for messages. */
    public static String redacted(URI proxy) {
        return proxy.getRawUserInfo() == null ? proxy.toString() : proxy.toString().replace(proxy.getRawUserInfo() + "@", "***@");
    }
}
