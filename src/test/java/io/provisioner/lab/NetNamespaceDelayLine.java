package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A second, slow path into a {@link NetNamespace}: a tun device on each side and a small user-space relay
 * that holds every packet for {@code delay} (each direction) and drops {@code loss} percent. It stands in
 * for {@code tc netem} on kernels built without {@code sch_netem} (e.g. some VM kernels): the kernel's TCP
 * still sees a real path with real latency. Reach the namespace over it at {@link #address()}.
 */
public final class NetNamespaceDelayLine implements AutoCloseable {
    private static final String RELAY = """
            import os, sys, select, struct, fcntl, time, heapq, ctypes, random
            host_if, ns, ns_if, delay_ms, loss = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
            def tun(name):
                fd = os.open('/dev/net/tun', os.O_RDWR)
                fcntl.ioctl(fd, 0x400454ca, struct.pack('16sH', name.encode(), 0x0001 | 0x1000))  # TUNSETIFF, IFF_TUN|IFF_NO_PI
                return fd
            a = tun(host_if)
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.setns(os.open('/var/run/netns/' + ns, os.O_RDONLY), 0x40000000) != 0:
                sys.exit('setns failed')
            b = tun(ns_if)
            print('ready', flush=True)
            queue, seq, delay = [], 0, delay_ms / 1000.0
            while True:
                wait = max(0.0, queue[0][0] - time.monotonic()) if queue else None
                ready, _, _ = select.select([a, b], [], [], wait)
                now = time.monotonic()
                for fd in ready:
                    packet = os.read(fd, 65536)
                    if random.random() * 100 < loss:
                        continue
                    heapq.heappush(queue, (now + delay, seq, b if fd == a else a, packet))
                    seq += 1
                while queue and queue[0][0] <= time.monotonic():
                    _, _, fd, packet = heapq.heappop(queue)
                    os.write(fd, packet)
            """;

    private final NetNamespace ns;
    private final String hostIf;
    private final String hostAddress;
    private final String address;
    private final Path dir;
    private final ManagedProcess relay;

    NetNamespaceDelayLine(NetNamespace ns, String hostIf, String hostAddress, String address, Duration delay,
                          double lossPercent) {
        Requirements.require(Files.exists(Path.of("/dev/net/tun")), "/dev/net/tun");
        Requirements.requireExecutable("/usr/bin/python3");
        this.ns = ns;
        this.hostIf = hostIf;
        this.hostAddress = hostAddress;
        this.address = address;
        try {
            this.dir = Files.createTempDirectory("pvdelay");
            Files.writeString(dir.resolve("relay.py"), RELAY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        check("ip", "tuntap", "add", "dev", hostIf, "mode", "tun");
        check("ip", "-n", ns.name(), "tuntap", "add", "dev", "pvtun", "mode", "tun");
        relay = ManagedProcess.start("delay-line", dir.resolve("relay.out"), List.of("/usr/bin/python3",
                dir.resolve("relay.py").toString(), hostIf, ns.name(), "pvtun", String.valueOf(delay.toMillis()),
                String.valueOf(lossPercent)));
        try {
            relay.await(Duration.ofSeconds(10), () -> relay.tail().contains("ready"), "the relay to attach");
            check("ip", "addr", "add", hostAddress, "peer", address, "dev", hostIf);
            check("ip", "link", "set", hostIf, "up");
            check("ip", "-n", ns.name(), "addr", "add", address, "peer", hostAddress, "dev", "pvtun");
            check("ip", "-n", ns.name(), "link", "set", "pvtun", "up");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The namespace's address on the slow path. */
    public String address() {
        return address;
    }

    /** The root namespace's address on the slow path (the source of probes sent over it). */
    public String hostAddress() {
        return hostAddress;
    }

    @Override
    public void close() {
        relay.close();
        NetNamespace.run(List.of("ip", "link", "del", hostIf), Duration.ofSeconds(10));
        NetNamespace.run(List.of("ip", "-n", ns.name(), "link", "del", "pvtun"), Duration.ofSeconds(10));
        MariaDbServer.deleteTree(dir);
    }

    private static void check(String... argv) {
        NetNamespace.Result r = NetNamespace.run(List.of(argv), Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + r.output());
        }
    }
}
