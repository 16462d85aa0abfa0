package io.provisioner.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connect step of every probe: a non-blocking {@link SocketChannel} per attempt, all watched by one
 * {@link Selector} on one thread, so a sweep's black-holed targets wait for their SYN-ACK at the same time
 * without a thread each (JDK 17 has no virtual threads, and starting 1 500 platform threads on a busy
 * machine took longer than the probes). A connected channel is switched back to blocking mode and handed
 * over as a plain {@link Socket}: everything after the connect stays blocking-socket code.
 */
final class ConnectSelector {
    private static final ConnectSelector SHARED = new ConnectSelector();

    /** One attempt in flight. */
    private record Pending(SocketChannel channel, long expiresAt, CompletableFuture<Socket> result) {
    }

    private final Queue<Pending> incoming = new ConcurrentLinkedQueue<>();
    /** Set when {@link #incoming} got work since the selector thread last looked: one wakeup per batch. */
    private final AtomicBoolean woken = new AtomicBoolean();
    /** Whether a thread runs {@link #loop}; it ends when no connect is in flight (see {@link #idleEnds}). */
    private final AtomicBoolean looping = new AtomicBoolean();
    private volatile Selector selector;

    private ConnectSelector() {
    }

    static ConnectSelector shared() {
        return SHARED;
    }

    /**
     * Starts connecting to {@code address}; the future ends with the connected blocking socket, or with the
     * connect's {@link IOException} ({@link SocketTimeoutException} once {@code timeoutMillis} passed).
     */
    CompletableFuture<Socket> connect(InetSocketAddress address, long timeoutMillis) {
        long expiresAt = System.nanoTime() + timeoutMillis * 1_000_000;
        CompletableFuture<Socket> result = new CompletableFuture<>();
        SocketChannel ch = null;
        try {
            // a channel never goes through a java.net.ProxySelector. An IPv4 address gets an IPv4 socket: the
            // default dual-stack IPv6 socket costs an IPV6_V6ONLY system call and the kernel's IPv6 connect path.
            ch = address.getAddress() instanceof Inet4Address ? SocketChannel.open(StandardProtocolFamily.INET)
                    : SocketChannel.open();
            ch.configureBlocking(false);
            // A connect to this machine (loopback, a local address) is usually decided before connect() returns:
            // the SYN-ACK or the RST has already been handled. Ask once before handing the channel to the
            // selector thread, which would register it, wait for it and deregister it (three more system
            // calls, on the one thread every probe's connect goes through).
            if (ch.connect(address) || ch.finishConnect()) {
                result.complete(connected(ch));
                return result;
            }
        } catch (IOException e) {
            closeQuietly(ch);
            result.completeExceptionally(e);
            return result;
        }
        incoming.add(new Pending(ch, expiresAt, result));
        Selector sel = selector();
        if (looping.compareAndSet(false, true)) {
            startLoop(sel);
        } else if (woken.compareAndSet(false, true)) {
            sel.wakeup();
        }
        return result;
    }

    private void startLoop(Selector sel) {
        Thread thread = new Thread(() -> loop(sel), "probe-connect");
        thread.setDaemon(true);
        thread.start();
    }

    private Selector selector() {
        Selector current = selector;
        if (current == null) {
            synchronized (this) {
                current = selector;
                if (current == null) {
                    try {
                        current = Selector.open();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open a selector for probe connects", e);
                    }
                    selector = current;
                }
            }
        }
        return current;
    }

    private void loop(Selector sel) {
        List<Pending> connected = new ArrayList<>();
        // a lambda of this class, not Comparator.comparingLong's: the CDS archive keeps ours, not the JDK's
        PriorityQueue<Pending> byExpiry = new PriorityQueue<>((one, other) -> Long.compare(one.expiresAt(), other.expiresAt()));
        while (true) {
            try {
                woken.set(false);
                for (Pending pending = incoming.poll(); pending != null; pending = incoming.poll()) {
                    try {
                        pending.channel().register(sel, SelectionKey.OP_CONNECT, pending);
                        byExpiry.add(pending);
                    } catch (IOException | RuntimeException e) {
                        fail(pending, e instanceof IOException io ? io : new IOException(e));
                    }
                }
                while (!byExpiry.isEmpty() && byExpiry.peek().result().isDone()) {
                    byExpiry.poll();
                }
                if (byExpiry.isEmpty()) {
                    if (idleEnds(sel)) {
                        return;
                    }
                    continue;
                } else {
                    long nanos = byExpiry.peek().expiresAt() - System.nanoTime();
                    if (nanos > 0) {
                        sel.select(Math.max(1, (nanos + 999_999) / 1_000_000));
                    } else {
                        sel.selectNow();
                    }
                }
                Iterator<SelectionKey> it = sel.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Pending pending = (Pending) key.attachment();
                    try {
                        if (key.isValid() && pending.channel().finishConnect()) {
                            key.cancel();
                            connected.add(pending);
                        }
                    } catch (IOException e) {
                        key.cancel();
                        fail(pending, e);
                    }
                }
                long now = System.nanoTime();
                while (!byExpiry.isEmpty() && byExpiry.peek().expiresAt() - now <= 0) {
                    Pending expired = byExpiry.poll();
                    SelectionKey key = expired.channel().keyFor(sel);
                    if (!expired.result().isDone() && key != null && key.isValid()) {
                        key.cancel();
                        fail(expired, new SocketTimeoutException("Connect timed out"));
                    }
                }
                if (!connected.isEmpty()) {
                    sel.selectNow(); // deregisters the cancelled keys: only then may a channel block again
                    for (Pending pending : connected) {
                        try {
                            pending.result().complete(connected(pending.channel()));
                        } catch (IOException e) {
                            fail(pending, e);
                        }
                    }
                    connected.clear();
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // A selector failure must not strand the probes waiting on it.
                for (SelectionKey key : sel.keys()) {
                    key.cancel();
                    fail((Pending) key.attachment(), e instanceof IOException io ? io : new IOException(e));
                }
            }
        }
    }

    /**
     * With no connect in flight the thread ends instead of waiting in {@code epoll_wait}: a JVM's exit waits up to
     * 300 ms for every thread in native code to come back (HotSpot's VM_Exit), which a cold {@code probe} paid
     * after its last line. The next connect starts a thread again. False: work arrived, keep going.
     */
    private boolean idleEnds(Selector sel) throws IOException {
        sel.selectNow(); // deregisters the keys cancelled last round: only then are their sockets really closed
        looping.set(false);
        // a connect that queued its work before the flag fell saw the loop running and only woke it: take that
        // work, unless a connect after the flag fell already started a new thread for it
        return incoming.isEmpty() || !looping.compareAndSet(false, true);
    }

    /**
     * A connected channel as the blocking socket the exchange reads and writes, with {@code TCP_NODELAY} on. The
     * option is set here, after the connect, so that a refused or timed-out attempt (most of a port sweep) costs
     * no system call for it; nothing has been sent yet, so the first bytes go out without delay either way.
     */
    private static Socket connected(SocketChannel ch) throws IOException {
        ch.configureBlocking(true);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return ch.socket();
    }

    private static void fail(Pending pending, IOException e) {
        closeQuietly(pending.channel());
        pending.result().completeExceptionally(e);
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
