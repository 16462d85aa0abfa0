package io.provisioner.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.lab.ManagedProcess;
import io.provisioner.lab.ClassLab;
import io.provisioner.lab.NetNamespace;
import io.provisioner.lab.NetNamespaceDelayLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Unreachable hosts and networks, black holes and a high-latency path, in a namespace made for the test. */
class NetworkPathsIT {
    @RegisterExtension
    static final ClassLab<NetNamespace> NAMESPACE = NetNamespace.perClass();
    private static NetNamespace ns;
    private static ManagedProcess web;
    private static Path webRoot;
    private static final int WEB_PORT = 8080;
    private final Prober prober = Prober.direct();

    @BeforeAll
    static void setUp() throws Exception {
        ns = NAMESPACE.get();
        Path root = Files.createTempDirectory("pvweb");
        webRoot = root;
        Files.writeString(root.resolve("index.html"), "hello");
        web = ManagedProcess.start("http.server", root.resolve("http.out"), ns.command("/usr/bin/python3", "-m",
                "http.server", String.valueOf(WEB_PORT), "--bind", "0.0.0.0", "--directory", root.toString()));
        web.awaitPort(ns.address(), WEB_PORT, Duration.ofSeconds(20));
    }

    @AfterAll
    static void tearDown() {
        if (web != null) {
            web.close();
        }
        if (webRoot != null) {
            try (var files = Files.walk(webRoot)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException ignored) {
                // a temp dir
            }
        }
    }

    @Test
    void addressNobodyOwnsIsHostUnreachable() {
        ProbeResult r = prober.probe(ProbeTarget.parse("tcp://" + ns.unusedAddress() + ":80"), Duration.ofSeconds(8));
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.HOST_UNREACHABLE);
        assertThat(r.detail()).containsIgnoringCase("no route to host");
    }

    @Test
    void blackHoledAddressIsAConnectTimeoutAtTheDeadline() {
        ProbeResult r = prober.probe(ProbeTarget.parse("tcp://" + ns.blackholeAddress() + ":80"), Duration.ofMillis(800));
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.CONNECT_TIMEOUT);
        // at the deadline, not before it; the upper slack is for a loaded machine
        assertThat(r.elapsedMillis()).isBetween(750L, 800L + 3000L);
    }

    @Test
    void aSweepOfBlackHolesLeavesNoThreadWaitingInNativeCodeAndTheNextSweepStillConnects() throws Exception {
        // A thread left in epoll_wait made every cold probe's exit wait 300 ms (HotSpot waits for threads in native).
        List<ProbeTarget> holes = List.of(ProbeTarget.parse("tcp://" + ns.blackholeAddress() + ":81"),
                ProbeTarget.parse("tcp://" + ns.blackholeAddress() + ":82"));
        for (int sweep = 1; sweep <= 2; sweep++) {
            List<ProbeResult> results = new Sweep(prober, Duration.ofMillis(500)).run(holes, 8);
            assertThat(results).extracting(ProbeResult::outcome).as("sweep " + sweep)
                    .containsOnly(ProbeOutcome.CONNECT_TIMEOUT);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (connectThreadAlive() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(connectThreadAlive()).as("a probe-connect thread after sweep " + sweep).isFalse();
        }
    }

    private static boolean connectThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("probe-connect") && t.isAlive());
    }

    @Test
    void noRouteToTheNetworkIsNetworkUnreachable() throws Exception {
        // From inside the namespace, which has no default route.
        NetNamespace.Result r = ProbeCli.runIn(ns, Duration.ofSeconds(60),
                "tcp://" + ns.unroutedAddress() + ":80", "--format", "json", "--timeout", "10s");
        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        JsonNode o = new ObjectMapper().readTree(r.output()).get(0);
        assertThat(o.get("outcome").asText()).isEqualTo("network-unreachable");
        // at once, not at the 10 s deadline (a cold JVM's first connect can take a while of its own)
        assertThat(o.get("elapsed_ms").asLong()).isLessThan(5000);
    }

    @Test
    void fastPathIsUp() {
        ProbeResult r = prober.probe(ProbeTarget.parse("http://" + ns.address() + ":" + WEB_PORT + "/"), Duration.ofSeconds(3));
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.UP);
        assertThat(r.detail()).startsWith("HTTP 200");
    }

    @Test
    void highLatencyBeyondTheTimeoutIsAConnectTimeoutAndWithinItIsUp() {
        // 300 ms each way: the SYN-ACK comes back after ~600 ms.
        try (NetNamespaceDelayLine slow = ns.delayLine(Duration.ofMillis(300), 0)) {
            ProbeTarget t = ProbeTarget.parse("http://" + slow.address() + ":" + WEB_PORT + "/");
            ProbeResult tooSlow = prober.probe(t, Duration.ofMillis(400));
            assertThat(tooSlow.outcome()).isEqualTo(ProbeOutcome.CONNECT_TIMEOUT);

            ProbeResult patient = prober.probe(t, Duration.ofSeconds(5));
            assertThat(patient.outcome()).as(patient.detail()).isEqualTo(ProbeOutcome.UP);
            // connect (one round trip) + request/response (another): at least 1.2 s
            assertThat(patient.elapsedMillis()).isGreaterThanOrEqualTo(1150);

            // Connected in time (~600 ms), but the answer needs another 600 ms round trip: it cannot come
            // before 1200 ms, after the 1100 ms deadline, so a read timeout.
            ProbeResult slowAnswer = prober.probe(t, Duration.ofMillis(1100));
            assertThat(slowAnswer.outcome()).isEqualTo(ProbeOutcome.READ_TIMEOUT);
        }
    }

    @Test
    void totalLossIsAConnectTimeout() {
        try (NetNamespaceDelayLine dead = ns.delayLine(Duration.ZERO, 100)) {
            ProbeResult r = prober.probe(ProbeTarget.parse("tcp://" + dead.address() + ":" + WEB_PORT), Duration.ofMillis(700));
            assertThat(r.outcome()).isEqualTo(ProbeOutcome.CONNECT_TIMEOUT);
        }
    }

    @Test
    void nameWithABlackHoledAddressFirstIsUpAtTheNextThroughTheJdkResolver() throws Exception {
        // The real JDK resolver, fed by a hosts file of the test's own (this machine's /etc/hosts is left alone).
        Path hosts = Files.createTempFile("probe-hosts", ".txt");
        try {
            Files.writeString(hosts, ns.blackholeAddress() + " multi.probe.test\n" + ns.address() + " multi.probe.test\n");
            NetNamespace.Result r = ProbeCli.run(Duration.ofSeconds(60), List.of("-Djdk.net.hosts.file=" + hosts),
                    "http://multi.probe.test:" + WEB_PORT + "/", "tcp://nowhere.probe.test:" + WEB_PORT,
                    "--format", "json", "--timeout", "4s");
            assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
            JsonNode all = new ObjectMapper().readTree(r.output());
            JsonNode multi = all.get(0);
            assertThat(multi.get("outcome").asText()).as(r.output()).isEqualTo("up");
            assertThat(multi.get("address").asText()).isEqualTo(ns.address() + ":" + WEB_PORT);
            assertThat(multi.get("detail").asText()).startsWith("HTTP 200");
            // The black hole had its half of the budget before the second address was tried.
            assertThat(multi.get("elapsed_ms").asLong()).isBetween(1900L, 4000L);
            JsonNode nowhere = all.get(1);
            assertThat(nowhere.get("outcome").asText()).isEqualTo("dns-failure");
            assertThat(nowhere.get("address").isNull()).isTrue();
        } finally {
            Files.deleteIfExists(hosts);
        }
    }
}
