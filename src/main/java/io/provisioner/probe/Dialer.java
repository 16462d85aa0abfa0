package io.provisioner.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens the TCP connection for a probe: resolves the name under the probe's deadline (the JDK's connect
 * timeout does not cover DNS), then tries each resolved address in turn, giving each an equal share of the
 * time left (Go's dialer does the same), with {@code TCP_NODELAY} on. The first failure is reported, as Go does.
 * A single probe connects with a blocking socket in its own thread (no start-up cost, nothing shared); a
 * sweep's probes connect through the {@link ConnectSelector}, holding no thread while they wait.
 */
final class Dialer {
    private static final ExecutorService DNS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "probe-dns");
        thread.setDaemon(true);
        return thread;
    });

    private final NameResolver resolver;

    Dialer(NameResolver resolver) {
        this.resolver = resolver;
    }

    /** Connects to {@code host:port}, blocking; {@code tried} receives each {@code ip:port} as it is attempted. */
    Socket connect(String host, int port, Deadline deadline, AtomicReference<String> tried) throws ProbeFailure {
        InetAddress[] addresses = resolve(host, deadline);
        ProbeFailure first = null;
        for (int i = 0; i < addresses.length; i++) {
            tried.set(hostPort(addresses[i], port));
            long share = share(deadline, addresses.length - i);
            if (share == 0) {
                return throwFirst(first, tried.get());
            }
            Socket socket = new Socket(Proxy.NO_PROXY);
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(addresses[i], port), (int) Math.min(Integer.MAX_VALUE, share));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                ProbeFailure failure = FailureClassifier.classify(e, FailureClassifier.Phase.CONNECT);
                first = first == null ? failure : first;
            }
        }
        throw first;
    }

    /**
     * The same without a thread: the future fails with a {@link ProbeFailure} or the connect's own
     * {@link IOException} ({@link #failure} names either). An IP literal connects at once, with no lookup stage.
     */
    CompletableFuture<Socket> connectAsync(String host, int port, Deadline deadline, AtomicReference<String> tried) {
        InetAddress dottedQuad = dottedQuad(host);
        if (dottedQuad != null) {
            // what attempt() does for a single address, without the JDK's literal parsing and getHostAddress():
            // the address's text is the host as written. A cold sweep starts most of its probes in the interpreter.
            tried.set(host + ":" + port);
            long share = share(deadline, 1);
            if (share == 0) {
                return CompletableFuture.failedFuture(new ProbeFailure(ProbeOutcome.CONNECT_TIMEOUT,
                        "deadline passed before connecting to " + tried.get()));
            }
            return ConnectSelector.shared().connect(new InetSocketAddress(dottedQuad, port), share);
        }
        InetAddress[] literal;
        try {
            literal = literal(host);
        } catch (ProbeFailure failure) {
            return CompletableFuture.failedFuture(failure);
        }
        if (literal != null) {
            return attempt(literal, 0, port, deadline, tried, null);
        }
        return resolveAsync(host, deadline).thenCompose(addresses -> attempt(addresses, 0, port, deadline, tried, null));
    }

    private static CompletableFuture<Socket> attempt(InetAddress[] addresses, int i, int port, Deadline deadline,
                                                     AtomicReference<String> tried, ProbeFailure first) {
        if (i == addresses.length) {
            return CompletableFuture.failedFuture(first);
        }
        tried.set(hostPort(addresses[i], port));
        long share = share(deadline, addresses.length - i);
        if (share == 0) {
            try {
                return throwFirst(first, tried.get());
            } catch (ProbeFailure failure) {
                return CompletableFuture.failedFuture(failure);
            }
        }
        CompletableFuture<Socket> connect = ConnectSelector.shared().connect(new InetSocketAddress(addresses[i], port), share);
        if (i == addresses.length - 1 && first == null) {
            return connect; // the only address, or every earlier one timed out silently: its failure is the one to report
        }
        return connect
                .handle((socket, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(socket);
                    }
                    ProbeFailure latest = failure(error);
                    return attempt(addresses, i + 1, port, deadline, tried, first == null ? latest : first);
                })
                .thenCompose(future -> future);
    }

    /** An equal share of the time left for each of the {@code untried} addresses; 0 once the deadline passed. */
    private static long share(Deadline deadline, int untried) {
        long left = deadline.remainingMillis();
        return left == 0 ? 0 : Math.max(1, left / untried);
    }

    private static <T> T throwFirst(ProbeFailure first, String next) throws ProbeFailure {
        throw first != null ? first
                : new ProbeFailure(ProbeOutcome.CONNECT_TIMEOUT, "deadline passed before connecting to " + next);
    }

    InetAddress[] resolve(String host, Deadline deadline) throws ProbeFailure {
        InetAddress[] literal = literal(host);
        if (literal != null) {
            return literal;
        }
        Future<InetAddress[]> lookup = DNS.submit(() -> lookup(host));
        try {
            return lookup.get(deadline.timeoutOr(ProbeOutcome.DNS_FAILURE, "resolving " + host), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw lookupTimedOut(host);
        } catch (ExecutionException e) {
            throw didNotResolve(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure(ProbeOutcome.DNS_FAILURE, "interrupted while resolving " + host);
        }
    }

    private CompletableFuture<InetAddress[]> resolveAsync(String host, Deadline deadline) {
        try {
            long ms = deadline.timeoutOr(ProbeOutcome.DNS_FAILURE, "resolving " + host);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return lookup(host);
                } catch (UnknownHostException e) {
                    throw new CompletionException(e);
                }
            }, DNS).orTimeout(ms, TimeUnit.MILLISECONDS).handle((all, error) -> {
                if (error == null) {
                    return all;
                }
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                throw new CompletionException(cause instanceof TimeoutException ? lookupTimedOut(host) : didNotResolve(host));
            });
        } catch (ProbeFailure failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    /** The addresses of an IP literal (no lookup happens), or null for a name. */
    private static InetAddress[] literal(String host) throws ProbeFailure {
        if (!looksLikeIpv4(host) && host.indexOf(':') < 0) {
            return null;
        }
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new ProbeFailure(ProbeOutcome.DNS_FAILURE, "invalid address literal " + host);
        }
    }

    /**
     * The IPv4 address of a canonical dotted quad (four numbers 0-255 without leading zeros, the text
     * {@link InetAddress#getHostAddress()} gives back), or null for anything else, which goes through the JDK's
     * literal parsing. The address is built as the JDK's parsing builds it: no host name.
     */
    static InetAddress dottedQuad(String host) {
        byte[] bytes = new byte[4];
        int group = 0;
        int value = -1;
        for (int i = 0; i < host.length(); i++) {
            char ch = host.charAt(i);
            if (ch >= '0' && ch <= '9') {
                if (value == 0) {
                    return null; // a leading zero
                }
                value = value < 0 ? ch - '0' : value * 10 + (ch - '0');
                if (value > 255) {
                    return null;
                }
            } else if (ch == '.' && value >= 0 && group < 3) {
                bytes[group++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        if (group != 3 || value < 0) {
            return null;
        }
        bytes[3] = (byte) value;
        try {
            return InetAddress.getByAddress(null, bytes);
        } catch (UnknownHostException impossible) {
            return null; // only for a wrong length
        }
    }

    /** Four groups of one to three digits separated by dots (what the JDK then reads as an IPv4 literal). */
    private static boolean looksLikeIpv4(String host) {
        int groups = 1;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char ch = host.charAt(i);
            if (ch >= '0' && ch <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (ch == '.' && digits > 0 && groups < 4) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 4 && digits > 0;
    }

    private InetAddress[] lookup(String host) throws UnknownHostException {
        InetAddress[] all = resolver.resolve(host);
        if (all == null || all.length == 0) {
            throw new UnknownHostException(host);
        }
        return all;
    }

    private static ProbeFailure lookupTimedOut(String host) {
        return new ProbeFailure(ProbeOutcome.DNS_FAILURE, "lookup of " + host + " did not finish before the deadline");
    }

    private static ProbeFailure didNotResolve(String host) {
        return new ProbeFailure(ProbeOutcome.DNS_FAILURE, "name did not resolve: " + host);
    }

    /** The {@link ProbeFailure} behind a failed connect future. */
    static ProbeFailure failure(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ProbeFailure failure) {
            return failure;
        }
        if (cause instanceof IOException e) {
            return FailureClassifier.classify(e, FailureClassifier.Phase.CONNECT);
        }
        return new ProbeFailure(ProbeOutcome.PROTOCOL_MISMATCH, "probe failed unexpectedly: " + cause);
    }

    static String hostPort(InetAddress address, int port) {
        String ip = address.getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
