package io.provisioner.lab;

import io.provisioner.remote.HostKeyCheck;
import io.provisioner.remote.SshTarget;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JUnit extension: real OpenSSH sshd processes, one per simulated host, each on its own loopback address
 * (127.0.x.y) with its own host key. Use as
 * {@code @RegisterExtension static final SshdLab LAB = SshdLab.loopback(2);}. Everything started is
 * stopped by PID in afterAll, even when a test failed; the lab directory is deleted.
 */
public final class SshdLab implements BeforeAllCallback, AfterAllCallback, LabComponent {
    private static final AtomicInteger NEXT_BLOCK = new AtomicInteger(2);

    private final List<String> addresses;
    private final List<SshdHost> hosts = new ArrayList<>();
    private SshLabKeys keys;
    private String logLevel = "VERBOSE";

    private SshdLab(List<String> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /** {@code n} hosts on 127.0.B.1..n, B a block of its own per lab in this JVM. */
    public static SshdLab loopback(int n) {
        int block = NEXT_BLOCK.getAndIncrement();
        List<String> a = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            a.add("127.0." + block + "." + i);
        }
        return new SshdLab(a);
    }

    public SshdLab withLogLevel(String level) {
        this.logLevel = level;
        return this;
    }

    public static SshdLab on(List<String> addresses) {
        return new SshdLab(addresses);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts every host (in parallel: 50 of them take a few seconds). Usable outside JUnit too. */
    public SshdLab start() {
        Requirements.requireExecutable(SshdHost.SSHD);
        Runtime.getRuntime().addShutdownHook(new Thread(this::killLeftovers, "sshd-lab-leftovers"));
        Requirements.requireRoot("sshd reads other users' keys and binds 127.0.x.y");
        keys = SshLabKeys.createTemp("sshd-lab");
        for (int i = 0; i < addresses.size(); i++) {
            String addr = addresses.get(i);
            hosts.add(new SshdHost("host" + (i + 1), addr, FreePort.on(addr), keys.dir().resolve("host" + (i + 1)),
                    keys.authorizedKeys(), List.of()).logLevel(logLevel));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, hosts.size()));
        try {
            List<Future<SshdHost>> started = new ArrayList<>();
            for (SshdHost h : hosts) {
                started.add(pool.submit(h::start));
            }
            for (Future<SshdHost> f : started) {
                f.get();
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException("lab sshd did not start: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
        keys.writeKnownHosts(hosts, false);
        return this;
    }

    /** Last resort if the JVM ends without afterAll: SIGKILL by PID. */
    private void killLeftovers() {
        for (SshdHost h : hosts) {
            h.kill();
        }
    }

    public SshLabKeys keys() {
        return keys;
    }

    public SshdHost host(int index) {
        return hosts.get(index);
    }

    public List<SshdHost> hosts() {
        return List.copyOf(hosts);
    }

    /** A target for host {@code index} logging in as root with the lab key and known_hosts, strict. */
    public SshTarget target(int index) {
        return target(index, "root");
    }

    public SshTarget target(int index, String user) {
        SshdHost h = hosts.get(index);
        return new SshTarget(h.name(), h.address(), h.port(), user, keys.clientKey().toString(), null,
                keys.knownHosts().toString(), HostKeyCheck.STRICT, null, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        // in parallel: one by one, 50 sshd on a loaded machine outlast the test JVM's shutdown
        List<Thread> stoppers = new ArrayList<>();
        for (SshdHost h : hosts) {
            Thread t = new Thread(h::close, "stop-" + h.name());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (keys != null) {
            keys.deleteAll();
        }
    }
}
