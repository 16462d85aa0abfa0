package io.provisioner.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Opens the TCP connection for a probe: resolves the name under the probe's deadline (the JDK's connect
 * timeout does not cover DNS), then tries each resolved address in turn, giving each an equal share of the
 * time left (Go's dialer does the same), with {@code TCP_NODELAY} on. The first failure is reported, as Go does.
 */
final class Dialer {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final ExecutorService DNS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "probe-dns");
        t.setDaemon(true);
        return t;
    });

    private Dialer() {
    }

    /** Connects to {@code host:port}; {@code tried} receives each {@code ip:port} as it is attempted. */
    static Socket connect(String host, int port, Deadline deadline, AtomicReference<String> tried) throws ProbeFailure {
        InetAddress[] addresses = resolve(host, deadline);
        ProbeFailure first = null;
        for (int i = 0; i < addresses.length; i++) {
            InetAddress a = addresses[i];
            tried.set(hostPort(a, port));
            long left = deadline.remainingMillis();
            if (left == 0) {
                if (first == null) {
                    first = new ProbeFailure(Outcome.CONNECT_TIMEOUT, "deadline passed before connecting to " + tried.get());
                }
                break;
            }
            int share = (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / (addresses.length - i)));
            Socket s = new Socket(Proxy.NO_PROXY);
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(a, port), share);
                return s;
            } catch (IOException e) {
                closeQuietly(s);
                ProbeFailure f = FailureClassifier.classify(e, FailureClassifier.Phase.CONNECT);
                if (first == null) {
                    first = f;
                }
            }
        }
        throw first;
    }

    static InetAddress[] resolve(String host, Deadline deadline) throws ProbeFailure {
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            try {
                return InetAddress.getAllByName(host); // a literal: no lookup happens
            } catch (UnknownHostException e) {
                throw new ProbeFailure(Outcome.DNS_FAILURE, "invalid address literal " + host);
            }
        }
        Future<InetAddress[]> lookup = DNS.submit(() -> InetAddress.getAllByName(host));
        try {
            return lookup.get(deadline.timeoutOr(Outcome.DNS_FAILURE, "resolving " + host), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new ProbeFailure(Outcome.DNS_FAILURE, "lookup of " + host + " did not finish before the deadline");
        } catch (ExecutionException e) {
            throw new ProbeFailure(Outcome.DNS_FAILURE, "name did not resolve: " + host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure(Outcome.DNS_FAILURE, "interrupted while resolving " + host);
        }
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
