package io.provisioner.lab;

import io.provisioner.remote.LocalCommand;
import io.provisioner.remote.LocalResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace joined to the root namespace by a veth pair, on a private /28 inside 10.231.0.0/24
 * (no route out). The root side is {@link #hostAddress()}, the namespace side {@link #address()};
 * {@link #unusedAddress()} is in the subnet but owned by nobody (ARP fails: "No route to host") and
 * {@link #blackholeAddress()} has a static neighbour entry pointing at a MAC nobody has, so packets to it
 * vanish silently (connect timeout). The namespace has no default route, so anything outside the subnet is
 * "Network is unreachable" from inside. Names carry the creating PID: namespaces left by a killed JVM are
 * removed by the next {@link #create()}. Needs root and iproute2.
 */
public final class NetNamespace implements LabComponent {
    private static final String PREFIX = "pvlab-";
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "provisioner-lab-netns.lock");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final String hostIf;
    private final int base;
    private volatile boolean closed;
    private final List<NetNamespaceDelayLine> delayLines = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Output of a finished command. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private NetNamespace(String name, String hostIf, int base) {
        this.name = name;
        this.hostIf = hostIf;
        this.base = base;
    }

    /** Skips (or fails in CI) unless this machine can create namespaces. */
    public static void require() {
        Requirements.requireRoot("network namespaces");
        Requirements.requireExecutable("/usr/sbin/ip");
    }

    /** A namespace for the whole test class. */
    public static ClassLab<NetNamespace> perClass() {
        return ClassLab.of(NetNamespace::require, NetNamespace::create);
    }

    public static NetNamespace create() {
        require();
        removeStale();
        long pid = ProcessHandle.current().pid();
        int n = COUNTER.incrementAndGet();
        String name = PREFIX + pid + "-" + n;
        String hostIf = "pvh" + pid + "n" + n;
        if (hostIf.length() > 15) {
            hostIf = "pvh" + (pid % 100000) + "n" + n;
        }
        try (FileChannel ch = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            int base = freeBlock();
            NetNamespace ns = new NetNamespace(name, hostIf, base);
            try {
                ns.setUp();
                return ns;
            } catch (RuntimeException e) {
                ns.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setUp() {
        check("ip", "netns", "add", name);
        check("ip", "link", "add", hostIf, "type", "veth", "peer", "name", "pv0", "netns", name);
        check("ip", "addr", "add", hostAddress() + "/28", "dev", hostIf);
        check("ip", "link", "set", hostIf, "up");
        check("ip", "-n", name, "link", "set", "lo", "up");
        check("ip", "-n", name, "addr", "add", address() + "/28", "dev", "pv0");
        check("ip", "-n", name, "link", "set", "pv0", "up");
        // A neighbour nobody answers for: frames go out and are dropped, like a firewall that drops SYNs.
        check("ip", "neigh", "replace", blackholeAddress(), "lladdr", "02:00:5e:00:00:01", "nud", "permanent",
                "dev", hostIf);
    }

    public String name() {
        return name;
    }

    /** The root namespace's end of the veth pair. */
    public String hostAddress() {
        return "10.231.0." + (base + 1);
    }

    /** The address inside the namespace. */
    public String address() {
        return "10.231.0." + (base + 2);
    }

    /** In the subnet, owned by nobody: connecting from the root namespace ends in "No route to host" (~3 s). */
    public String unusedAddress() {
        return "10.231.0." + (base + 3);
    }

    /** In the subnet; packets to it are silently dropped: connect attempts time out. */
    public String blackholeAddress() {
        return "10.231.0." + (base + 4);
    }

    /** An address outside every route inside the namespace: "Network is unreachable" from inside. */
    public String unroutedAddress() {
        return "10.231.1." + (base + 1);
    }

    /** The command prefix that runs {@code argv} inside the namespace (for ManagedProcess). */
    public List<String> command(String... argv) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
        c.addAll(Arrays.asList(argv));
        return c;
    }

    /** Runs a command inside the namespace and waits (at most {@code timeout}). */
    public Result exec(Duration timeout, String... argv) {
        return run(command(argv), timeout);
    }

    public Result exec(String... argv) {
        return exec(Duration.ofSeconds(60), argv);
    }

    /**
     * The cable pulled at the namespace's end: its side of the veth goes down, so the root side loses
     * carrier but keeps its route (packets to the namespace are dropped, nothing follows the default route
     * out of the machine, as it would if the root side went down). {@link #plugIn} reverses it.
     */
    public void unplug() {
        check("ip", "-n", name, "link", "set", "pv0", "down");
    }

    public void plugIn() {
        check("ip", "-n", name, "link", "set", "pv0", "up");
    }

    /**
     * A slow path into the namespace that works without {@code sch_netem}: packets wait {@code oneWayDelay}
     * in each direction and {@code lossPercent} are dropped. Close it before the namespace (or let close() do it).
     */
    public NetNamespaceDelayLine delayLine(Duration oneWayDelay, double lossPercent) {
        NetNamespaceDelayLine line = new NetNamespaceDelayLine(this, hostIf.replace("pvh", "pvt"),
                "10.231.0." + (base + 5), "10.231.0." + (base + 6), oneWayDelay, lossPercent);
        delayLines.add(line);
        return line;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        delayLines.forEach(NetNamespaceDelayLine::close);
        run(List.of("ip", "netns", "pids", name), Duration.ofSeconds(5)).output().lines()
                .map(String::strip).filter(s -> s.matches("\\d+"))
                .forEach(p -> ProcessHandle.of(Long.parseLong(p)).ifPresent(ProcessHandle::destroyForcibly));
        run(List.of("ip", "link", "del", hostIf), Duration.ofSeconds(10));
        run(List.of("ip", "netns", "del", name), Duration.ofSeconds(10));
    }

    private static int freeBlock() {
        String used = run(List.of("ip", "-o", "-4", "addr", "show"), Duration.ofSeconds(10)).output();
        // From the top of the /24 down: other suites tend to start at 10.231.0.1.
        for (int base = 240; base >= 16; base -= 16) {
            boolean taken = false;
            for (int i = 0; i < 16 && !taken; i++) {
                taken = used.contains(" 10.231.0." + (base + i) + "/");
            }
            if (!taken) {
                return base;
            }
        }
        throw new IllegalStateException("no free /28 left in 10.231.0.0/24 for a lab namespace");
    }

    private static void removeStale() {
        for (String line : run(List.of("ip", "netns", "list"), Duration.ofSeconds(10)).output().split("\n")) {
            String ns = line.split(" ")[0].strip();
            if (!ns.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = ns.substring(PREFIX.length()).split("-");
            try {
                long pid = Long.parseLong(parts[0]);
                if (ProcessHandle.of(pid).isEmpty()) {
                    run(List.of("ip", "netns", "del", ns), Duration.ofSeconds(10));
                }
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        }
    }

    private static void check(String... argv) {
        Result r = run(List.of(argv), Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + " failed (" + r.exitCode() + "): " + r.output());
        }
    }

    /** Runs a local command, merging stderr into the output; stops it (and its children) after {@code timeout}. */
    static Result run(List<String> argv, Duration timeout) {
        LocalResult r = LabCommand.execute(LocalCommand.of(argv).mergingErrors().withTimeout(timeout));
        return new Result(r.timedOut() ? -1 : r.exitStatus(), r.output());
    }
}
