package io.provisioner.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Opens the TCP connection for a probe: resolves the name under the probe's deadline (the JDK's connect
 * timeout does not cover DNS), then tries each resolved address in turn, giving each an equal share of the
 * time left (Go's dialer does the same), with {@code TCP_NODELAY} on. The first failure is reported, as Go does.
 * The connect itself waits in the {@link ConnectSelector}, not on a thread of its own.
 */
final class Dialer {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Executor DNS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "probe-dns");
        t.setDaemon(true);
        return t;
    });

    private final NameResolver resolver;

    Dialer(NameResolver resolver) {
        this.resolver = resolver;
    }

    /** Connects to {@code host:port}, blocking; {@code tried} receives each {@code ip:port} as it is attempted. */
    Socket connect(String host, int port, Deadline deadline, AtomicReference<String> tried) throws ProbeFailure {
        try {
            return connectAsync(host, port, deadline, tried).get();
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure(Outcome.CONNECT_TIMEOUT, "interrupted while connecting to " + host);
        }
    }

    /** The same without blocking: the future fails with a {@link ProbeFailure}. */
    CompletableFuture<Socket> connectAsync(String host, int port, Deadline deadline, AtomicReference<String> tried) {
        return resolve(host, deadline).thenCompose(addresses -> attempt(addresses, 0, port, deadline, tried, null));
    }

    private static CompletableFuture<Socket> attempt(InetAddress[] addresses, int i, int port, Deadline deadline,
                                                     AtomicReference<String> tried, ProbeFailure first) {
        if (i == addresses.length) {
            return CompletableFuture.failedFuture(first);
        }
        tried.set(hostPort(addresses[i], port));
        long left = deadline.remainingMillis();
        if (left == 0) {
            return CompletableFuture.failedFuture(first != null ? first
                    : new ProbeFailure(Outcome.CONNECT_TIMEOUT, "deadline passed before connecting to " + tried.get()));
        }
        long share = Math.max(1, left / (addresses.length - i));
        return ConnectSelector.shared().connect(new InetSocketAddress(addresses[i], port), share)
                .handle((socket, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(socket);
                    }
                    ProbeFailure f = FailureClassifier.classify(io(error), FailureClassifier.Phase.CONNECT);
                    return attempt(addresses, i + 1, port, deadline, tried, first == null ? f : first);
                })
                .thenCompose(f -> f);
    }

    CompletableFuture<InetAddress[]> resolve(String host, Deadline deadline) {
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            try {
                return CompletableFuture.completedFuture(InetAddress.getAllByName(host)); // a literal: no lookup happens
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(new ProbeFailure(Outcome.DNS_FAILURE, "invalid address literal " + host));
            }
        }
        long ms = deadline.remainingMillis();
        if (ms == 0) {
            return CompletableFuture.failedFuture(new ProbeFailure(Outcome.DNS_FAILURE, "deadline passed before resolving " + host));
        }
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                InetAddress[] all = resolver.resolve(host);
                if (all == null || all.length == 0) {
                    throw new UnknownHostException(host);
                }
                return all;
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, DNS);
        // The lookup thread may stay blocked in getaddrinfo; the probe does not wait for it.
        return lookup.orTimeout(ms, TimeUnit.MILLISECONDS).handle((all, error) -> {
            if (error == null) {
                return all;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            throw new CompletionException(cause instanceof TimeoutException
                    ? new ProbeFailure(Outcome.DNS_FAILURE, "lookup of " + host + " did not finish before the deadline")
                    : new ProbeFailure(Outcome.DNS_FAILURE, "name did not resolve: " + host));
        });
    }

    /** The {@link ProbeFailure} behind a failed connect future. */
    static ProbeFailure failure(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ProbeFailure f) {
            return f;
        }
        if (t instanceof IOException e) {
            return FailureClassifier.classify(e, FailureClassifier.Phase.CONNECT);
        }
        return new ProbeFailure(Outcome.PROTOCOL_MISMATCH, "probe failed unexpectedly: " + t);
    }

    private static IOException io(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof IOException e ? e : new IOException(t);
    }

    static String hostPort(InetAddress a, int port) {
        String ip = a.getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
