package io.provisioner.probe;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one probe under one deadline: resolve, connect (directly, or through an HTTP proxy: an absolute-form GET
 * for http, CONNECT for the rest),
 * TLS for https, then the protocol check. Never throws: every way it can end is a {@link ProbeOutcome}.
 * HTTP is never sent through a proxy unless one is given here (DevStack's own wait loop uses --noproxy).
 * TLS trusts the JVM's default trust store ({@code -Djavax.net.ssl.trustStore}) unless {@link #trusting} names
 * a CA file, and always checks the host name.
 */
public final class Prober {
    private final URI proxy;
    private final Dialer dialer;
    private final NameResolver resolver;
    private final SSLSocketFactory tls;

    private Prober(URI proxy, NameResolver resolver, SSLSocketFactory tls) {
        this.proxy = proxy;
        this.resolver = resolver;
        this.dialer = new Dialer(resolver);
        this.tls = tls;
    }

    public static Prober direct() {
        return new Prober(null, NameResolver.jdk(), null);
    }

    /** Probes through an HTTP proxy ({@code http://[user:pass@]host:port}): GET for http, CONNECT for the rest. */
    public static Prober viaProxy(URI proxy) {
        if (proxy == null) {
            return direct();
        }
        if (!"http".equalsIgnoreCase(proxy.getScheme()) || proxy.getHost() == null) {
            throw new IllegalArgumentException("proxy '" + redacted(proxy) + "' must look like http://host:port");
        }
        return new Prober(proxy, NameResolver.jdk(), null);
    }

    /**
     * The same prober, trusting only the CA certificates in a PEM file for https (as curl's {@code --cacert}).
     * An {@link IllegalArgumentException} says in one line why the file cannot be used.
     */
    public Prober trusting(Path caFile) {
        return new Prober(proxy, resolver, CaBundle.load(caFile));
    }

    /** The same prober, resolving names with {@code r} instead of the JDK (tests). */
    Prober resolvingWith(NameResolver resolver) {
        return new Prober(proxy, resolver, tls);
    }

    /** One probe, blocking the calling thread until it ends (at the deadline at the latest). */
    public ProbeResult probe(ProbeTarget target, Duration timeout) {
        Attempt attempt = new Attempt(target, timeout);
        Socket raw;
        try {
            raw = proxy == null ? dialer.connect(target.host(), target.port(), attempt.deadline, attempt.address)
                    : dialer.connect(proxy.getHost(), proxyPort(), attempt.deadline, attempt.address);
        } catch (ProbeFailure failure) {
            return attempt.ended(proxy == null ? failure : asProxyFailure(failure), 0);
        }
        return exchange(attempt, raw, 0);
    }

    /**
     * One probe that holds no thread while it connects (the connect waits in the {@link ConnectSelector}); the
     * exchange after the connect runs on {@code workers}. Time spent waiting there for a free worker is not charged to the probe's deadline (nor to its elapsed time).
     */
    CompletableFuture<ProbeResult> probeAsync(ProbeTarget target, Duration timeout, Executor workers) {
        Attempt attempt = new Attempt(target, timeout);
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        // handle, not whenComplete: whenComplete's own future would wrap a failed connect's exception in a
        // CompletionException (a second exception, its stack trace and message built) that nobody reads
        firstHop(attempt).handle((raw, error) -> {
            if (error != null) {
                result.complete(attempt.ended(Dialer.failure(error), 0));
                return null;
            }
            if (proxy == null && ProtocolCheck.connectIsEnough(target)) {
                // Nothing to exchange: the connect was the check. Finish where the connect finished, without a
                // worker or a Connection's streams.
                Dialer.closeQuietly(raw);
                result.complete(attempt.ended(ProtocolCheck.CONNECTED.outcome(), ProtocolCheck.CONNECTED.detail(), 0));
                return null;
            }
            long ready = System.nanoTime();
            try {
                workers.execute(() -> result.complete(exchange(attempt, raw, System.nanoTime() - ready)));
            } catch (RejectedExecutionException e) {
                Dialer.closeQuietly(raw);
                result.complete(attempt.ended(new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "probe abandoned: " + e), 0));
            }
            return null;
        });
        return result;
    }

    /** The TCP connection to the target, or to the proxy (whose failures are named as the proxy's), from the selector. */
    private CompletableFuture<Socket> firstHop(Attempt attempt) {
        if (proxy == null) {
            return dialer.connectAsync(attempt.target.host(), attempt.target.port(), attempt.deadline, attempt.address);
        }
        return dialer.connectAsync(proxy.getHost(), proxyPort(), attempt.deadline, attempt.address)
                .exceptionally(error -> {
                    throw new CompletionException(asProxyFailure(Dialer.failure(error)));
                });
    }

    private ProbeFailure asProxyFailure(ProbeFailure failure) {
        return new ProbeFailure(failure.outcome(), "proxy " + proxyName() + " itself: " + failure.detail());
    }

    /** Everything after the connect: CONNECT tunnel (not for http via a proxy), TLS, the protocol check. {@code waited}: nanos queued for a worker. */
    private ProbeResult exchange(Attempt attempt, Socket raw, long waited) {
        Deadline deadline = attempt.deadline.extendedBy(waited);
        try (Connection connection = open(attempt.target, raw, deadline)) {
            ProtocolCheck check = getThroughProxy(attempt.target) ? HttpCheck.throughProxy(credentials())
                    : ProtocolCheck.forTarget(attempt.target);
            ProtocolCheck.Verdict verdict = check.run(connection, attempt.target);
            return attempt.ended(verdict.outcome(), verdict.detail(), waited);
        } catch (ProbeFailure failure) {
            return attempt.ended(failure, waited);
        } catch (RuntimeException e) {
            // A bug or an odd JDK exception must not kill a sweep; say what it was.
            return attempt.ended(ProbeOutcome.PROTOCOL_MISMATCH, "probe failed unexpectedly: " + e, waited);
        } finally {
            Dialer.closeQuietly(raw);
        }
    }

    private Connection open(ProbeTarget target, Socket raw, Deadline deadline) throws ProbeFailure {
        try {
            if (proxy != null && !getThroughProxy(target)) {
                ProxyTunnel.open(new Connection(raw, deadline), target, proxyName(), credentials());
            }
            if (target.protocol() == ProbeTarget.Protocol.HTTPS) {
                return new Connection(tls(raw, target, deadline), raw, deadline);
            }
            return new Connection(raw, deadline);
        } catch (IOException e) {
            throw FailureClassifier.classify(e, FailureClassifier.Phase.EXCHANGE);
        }
    }

    /** Plain http goes through the proxy as an absolute-form GET; everything else through a CONNECT tunnel. */
    private boolean getThroughProxy(ProbeTarget target) {
        return proxy != null && target.protocol() == ProbeTarget.Protocol.HTTP;
    }

    private SSLSocket tls(Socket raw, ProbeTarget target, Deadline deadline) throws IOException, ProbeFailure {
        SSLSocketFactory factory = tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault();
        SSLSocket tls = (SSLSocket) factory.createSocket(raw, target.host(), target.port(), true);
        tls.setSoTimeout(deadline.timeoutOr(ProbeOutcome.READ_TIMEOUT, "the TLS handshake"));
        var params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(params);
        tls.startHandshake();
        return tls;
    }

    private int proxyPort() {
        return proxy.getPort() == -1 ? 3128 : proxy.getPort();
    }

    private String proxyName() {
        return proxy.getHost() + ":" + proxyPort();
    }

    private String credentials() {
        String ui = proxy.getRawUserInfo();
        return ui == null ? null : URLDecoder.decode(ui, StandardCharsets.UTF_8);
    }

    /** The proxy URL without its credentials, for messages. */
    public static String redacted(URI proxy) {
        return proxy.getRawUserInfo() == null ? proxy.toString() : proxy.toString().replace(proxy.getRawUserInfo() + "@", "***@");
    }

    /** One probe in progress: its target, its start, its one deadline and the address it last tried. */
    private final class Attempt {
        final ProbeTarget target;
        final long start = System.nanoTime();
        final Deadline deadline;
        final AtomicReference<String> address = new AtomicReference<>();

        Attempt(ProbeTarget target, Duration timeout) {
            this.target = target;
            this.deadline = Deadline.after(timeout);
        }

        ProbeResult ended(ProbeFailure failure, long waited) {
            return ended(failure.outcome(), failure.detail(), waited);
        }

        ProbeResult ended(ProbeOutcome outcome, String detail, long waited) {
            long elapsed = (System.nanoTime() - start - waited) / 1_000_000;
            String shown = detail;
            if (proxy != null && shown != null && !shown.startsWith("proxy ")) {
                shown = "via proxy: " + shown;
            }
            return new ProbeResult(target.text(), address.get(), outcome, elapsed, shown);
        }
    }
}
