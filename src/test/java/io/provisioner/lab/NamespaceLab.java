package io.provisioner.lab;

import io.provisioner.remote.HostKeyCheck;
import io.provisioner.remote.SshTarget;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * JUnit extension: simulated hosts as network namespaces, each joined to this machine by its own veth
 * pair (a /30 out of 10.231.0.0/24, no route anywhere else) and running a real sshd on port 22 inside.
 * Faults: {@link #linkDown}, {@link #linkUp} (delay and loss: NetNamespace#delayLine). afterAll stops sshd by
 * PID and deletes the veth pairs and namespaces by name, even when a test failed.
 */
public final class NamespaceLab implements BeforeAllCallback, AfterAllCallback {
    /** Pairs start here so a /30 per host stays clear of the low addresses other labs may take. */
    private static final int FIRST_OCTET = 128;

    private final int count;
    private final String tag = Long.toString(ProcessHandle.current().pid() % 100000, 36);
    private final List<SshdHost> hosts = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    private SshLabKeys keys;

    private NamespaceLab(int count) {
        this.count = count;
    }

    public static NamespaceLab hosts(int n) {
        if (n < 1 || n > 30) {
            throw new IllegalArgumentException("1..30 namespaced hosts");
        }
        return new NamespaceLab(n);
    }

    public String namespace(int i) {
        return "provlab-" + tag + "-" + i;
    }

    /** The host side of host i's veth pair (this is the link the fault methods switch). */
    public String hostDevice(int i) {
        return "pl" + tag + "h" + i;
    }

    private String nsDevice(int i) {
        return "pl" + tag + "n" + i;
    }

    public String hostSideAddress(int i) {
        return "10.231.0." + (FIRST_OCTET + 4 * i + 1);
    }

    public String address(int i) {
        return "10.231.0." + (FIRST_OCTET + 4 * i + 2);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Requirements.requireRoot("network namespaces");
        Requirements.requireExecutable("/usr/sbin/ip");
        Requirements.requireExecutable(SshdHost.SSHD);
        keys = SshLabKeys.createTemp("netns-lab");
        try {
            for (int i = 0; i < count; i++) {
                String ns = namespace(i);
                LabCommand.run("ip", "netns", "add", ns);
                namespaces.add(ns);
                LabCommand.run("ip", "link", "add", hostDevice(i), "type", "veth", "peer", "name", nsDevice(i));
                LabCommand.run("ip", "link", "set", nsDevice(i), "netns", ns);
                LabCommand.run("ip", "addr", "add", hostSideAddress(i) + "/30", "dev", hostDevice(i));
                LabCommand.run("ip", "link", "set", hostDevice(i), "up");
                inNs(i, "ip", "link", "set", "lo", "up");
                inNs(i, "ip", "addr", "add", address(i) + "/30", "dev", nsDevice(i));
                inNs(i, "ip", "link", "set", nsDevice(i), "up");
                SshdHost h = new SshdHost("ns" + i, address(i), 22, keys.dir().resolve("ns" + i), keys.authorizedKeys(),
                        List.of("ip", "netns", "exec", ns));
                hosts.add(h);
                h.start();
            }
            keys.writeKnownHosts(hosts, false);
        } catch (RuntimeException e) {
            afterAll(context);
            throw e;
        }
    }

    private void inNs(int i, String... cmd) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", namespace(i)));
        c.addAll(List.of(cmd));
        LabCommand.run(c);
    }

    public SshdHost host(int i) {
        return hosts.get(i);
    }

    public SshLabKeys keys() {
        return keys;
    }

    /** Root login, lab key, strict known_hosts; short keepalive so a cut link is noticed in seconds. */
    public SshTarget target(int i) {
        return new SshTarget("ns" + i, address(i), 22, "root", keys.clientKey().toString(), null,
                keys.knownHosts().toString(), HostKeyCheck.STRICT, null, Duration.ofSeconds(3), Duration.ofSeconds(1));
    }

    /**
     * The cable pulled at the namespace's end: the root side keeps its address and route, so packets for
     * the host are dropped here. (Downing the root side would delete the route, and packets for 10.231.0.x
     * would follow the default route out of the machine.)
     */
    public void linkDown(int i) {
        inNs(i, "ip", "link", "set", nsDevice(i), "down");
    }

    public void linkUp(int i) {
        inNs(i, "ip", "link", "set", nsDevice(i), "up");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (SshdHost h : hosts) {
            h.close();
        }
        for (int i = 0; i < count; i++) {
            LabCommand.tryRun(List.of("ip", "link", "del", hostDevice(i)));
        }
        for (String ns : namespaces) {
            LabCommand.tryRun(List.of("ip", "netns", "del", ns));
        }
        if (keys != null) {
            keys.deleteAll();
        }
    }
}
