package io.provisioner.probe;

import io.provisioner.lab.NetNamespace;
import io.provisioner.lab.Requirements;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints figures; asserts only that every probe was classified correctly, never a time.
 * Run: {@code mvn -o -Pbench verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ProbeBenchmarkIT};
 * the sweep alone: {@code mvn -o -Pbench test-compile failsafe:integration-test failsafe:verify
 * -Dit.test='ProbeBenchmarkIT#sweepWithAThirdBlackHoledTakesAboutOneTimeout'}.
 */
@Tag("benchmark")
class ProbeBenchmarkIT {
    private static final int FIRST_PORT = 10000;
    private static final int PORTS = 20_000;

    @Test
    void classifiedProbesPerSecondOnLoopbackNextToNmap() throws Exception {
        Requirements.requireExecutable("/usr/bin/nmap");
        List<ServerSocket> open = new ArrayList<>();
        Set<Integer> openPorts = new HashSet<>();
        try {
            for (int p = FIRST_PORT; p < FIRST_PORT + PORTS; p += 10) {
                try {
                    ServerSocket s = new ServerSocket(p, 4, InetAddress.getLoopbackAddress());
                    open.add(s);
                    openPorts.add(p);
                } catch (IOException taken) {
                    // someone else's port: it is excluded from the check below
                }
            }
            List<ProbeTarget> targets = new ArrayList<>();
            for (int p = FIRST_PORT; p < FIRST_PORT + PORTS; p++) {
                targets.add(ProbeTarget.of(ProbeTarget.Protocol.TCP, "127.0.0.1", p));
            }
            Sweep.run(targets.subList(0, 2000), Duration.ofSeconds(2), 16); // warm-up (JIT)
            for (ServerSocket s : open) {
                drain(s);
            }

            // nmap and the prober alternate, so the machine's (shared, changing) load hits both alike.
            for (int parallel : new int[] {16, 64, 256, 1024, 64, 1024}) {  // 1024: the probe command's default
                double nmapRate = nmap();
                var os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long start = System.nanoTime();
                List<ProbeResult> results = Sweep.run(targets, Duration.ofSeconds(2), parallel);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                Map<ProbeOutcome, Integer> counts = new EnumMap<>(ProbeOutcome.class);
                for (int i = 0; i < results.size(); i++) {
                    ProbeResult r = results.get(i);
                    counts.merge(r.outcome(), 1, Integer::sum);
                    if (openPorts.contains(FIRST_PORT + i)) {
                        assertThat(r.outcome()).as(r.toLine()).isEqualTo(ProbeOutcome.UP);
                    }
                }
                assertThat(counts.get(ProbeOutcome.UP)).isGreaterThanOrEqualTo(openPorts.size());
                double rate = PORTS / seconds;
                System.out.printf("BENCH probe loopback: %d targets (%d open), parallel %d: %.2f s, %.0f probes/s, "
                        + "%.2fx nmap -sT; %.2f CPU s (whole JVM) = %.0f probes per CPU second; outcomes %s; load %s%n",
                        PORTS, openPorts.size(), parallel, seconds, rate, rate / nmapRate, cpu, PORTS / cpu, counts,
                        Files.readString(Path.of("/proc/loadavg")).strip());
                for (ServerSocket s : open) {
                    drain(s);
                }
            }
        } finally {
            for (ServerSocket s : open) {
                s.close();
            }
        }
    }

    /** Runs nmap -sT over the same ports and returns ports per second (its own wall time, start to exit). */
    private static double nmap() throws Exception {
        Path out = Files.createTempFile("nmap", ".txt");
        try {
            long start = System.nanoTime();
            // bash's time gives nmap's CPU seconds (user + sys) on the last line.
            Process p = new ProcessBuilder("bash", "-c", "TIMEFORMAT='CPU %U %S'; time /usr/bin/nmap -sT -n -Pn -p "
                    + FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1) + " 127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            double seconds = (System.nanoTime() - start) / 1e9;
            String text = Files.readString(out);
            long openLines = text.lines().filter(l -> l.matches("\\d+/tcp\\s+open.*")).count();
            double cpu = text.lines().filter(l -> l.startsWith("CPU ")).findFirst()
                    .map(l -> Double.parseDouble(l.split(" ")[1]) + Double.parseDouble(l.split(" ")[2])).orElse(-1.0);
            System.out.printf("BENCH nmap -sT -n -Pn: %d ports, %.2f s, %.0f ports/s, %d open, %.2f CPU s = %.0f ports "
                    + "per CPU second%n", PORTS, seconds, PORTS / seconds, openLines, cpu, PORTS / cpu);
            return PORTS / seconds;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Accepts whatever is queued, so the next run finds empty backlogs. */
    private static void drain(ServerSocket s) throws IOException {
        s.setSoTimeout(1);
        while (true) {
            try {
                s.accept().close();
            } catch (java.net.SocketTimeoutException empty) {
                return;
            }
        }
    }

    @Test
    void sweepWithAThirdBlackHoledTakesAboutOneTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        List<ServerSocket> open = new ArrayList<>();
        try (NetNamespace ns = NetNamespace.create()) {
            List<ProbeTarget> targets = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                ServerSocket s = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
                open.add(s);
            }
            for (int i = 0; i < 500; i++) {
                targets.add(ProbeTarget.of(ProbeTarget.Protocol.TCP, "127.0.0.1", open.get(i).getLocalPort()));
                targets.add(ProbeTarget.of(ProbeTarget.Protocol.TCP, ns.blackholeAddress(), 20000 + i));
                targets.add(ProbeTarget.of(ProbeTarget.Protocol.TCP, ns.address(), 20000 + i)); // refused
            }
            // All 1 500 in flight at once, and just enough for the black-holed third.
            for (int parallel : new int[] {1500, 600, 1500, 600}) {
                sweepRound(parallel, targets, timeout);
            }
        } finally {
            for (ServerSocket s : open) {
                s.close();
            }
        }
    }

    private static void sweepRound(int parallel, List<ProbeTarget> targets, Duration timeout) throws IOException {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        long start = System.nanoTime();
        List<ProbeResult> results = new Sweep(Prober.direct(), timeout).run(targets, parallel);
        long wall = (System.nanoTime() - start) / 1_000_000;
        Map<ProbeOutcome, Integer> counts = new EnumMap<>(ProbeOutcome.class);
        Map<ProbeOutcome, Long> slowest = new EnumMap<>(ProbeOutcome.class);
        results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        results.forEach(r -> slowest.merge(r.outcome(), r.elapsedMillis(), Math::max));
        assertThat(counts).containsEntry(ProbeOutcome.UP, 500).containsEntry(ProbeOutcome.CONNECT_TIMEOUT, 500)
                .containsEntry(ProbeOutcome.REFUSED, 500);
        System.out.printf("BENCH sweep: 1500 endpoints (500 black-holed), timeout %d ms, parallel %d: "
                        + "wall %d ms = %.2f x timeout; slowest per outcome %s (so the last black-holed probe started "
                        + "after about %d ms); load average before %s, after %s%n",
                timeout.toMillis(), parallel, wall, wall / (double) timeout.toMillis(), slowest,
                wall - slowest.get(ProbeOutcome.CONNECT_TIMEOUT), loadBefore,
                Files.readString(Path.of("/proc/loadavg")).strip());
    }
}
