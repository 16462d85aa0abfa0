package io.provisioner.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.cli.Main;
import io.provisioner.spec.SpecLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fault {@code deploy --help} names, in both eras: per era, one sandbox whose spec has a clean controller
 * and one compute host per fault (given to that host only), and a one-host sandbox each for the faults only a
 * controller shows (LONE); then one test per fault reads that host's report and console lines. Each fault ends as
 * its row in standins/README.md says: repaired by its fix-up, or (service-start, disk-full: no automatic fix-up)
 * named as the failure.
 */
class SandboxFaultsEveryEraIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How a fault's host ends: its status, what its report or its console lines must name, and the fix-up that
     * must be among the report's {@code fixups_applied} (null: none required), i.e. one that found the fault
     * and changed or waited out something, not one that found nothing.
     */
    private record Expected(String status, String evidence, String applied) {
        Expected(String status, String evidence) {
            this(status, evidence, null);
        }
    }

    /** fault -> how its host ends: repaired (the fix-up or choice named), or failed with the reason named. */
    private static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("git-protocol", new Expected("healthy", "GIT_BASE https://"));
        EXPECTED.put("stale-run", new Expected("healthy", "unstack"));
        EXPECTED.put("apt-source", new Expected("healthy", "apt-sources"));
        EXPECTED.put("mysql-root", new Expected("healthy", "mysql-root-password"));
        EXPECTED.put("ovs-socket", new Expected("healthy", "ovs-socket-permissions"));
        EXPECTED.put("no-proxy", new Expected("healthy", "no-proxy"));
        // the checkout recorded as root's: the fix-up's find (the find stand-in reads the recorded owners) lists it
        EXPECTED.put("dir-ownership", new Expected("healthy", "the DevStack directories belong to stack",
                "stack-dir-ownership"));
        EXPECTED.put("pip-distutils", new Expected("healthy", "pip-distutils"));
        // one unattended-upgrades run holds the lock in its own process and ends some seconds after apt-get met it:
        // the fix-up sees the live holder, waits it out, and the next run passes
        EXPECTED.put("apt-lock", new Expected("healthy", "the dpkg/apt locks are free", "apt-lock"));
        // no automatic fix-up exists for these two: the deploy stops and names the cause
        EXPECTED.put("service-start", new Expected("failed", "g-api did not"));
        EXPECTED.put("disk-full", new Expected("failed", "free space"));
    }

    /**
     * Faults shown by a one-host sandbox: no-proxy only where the spec leaves HOST_IP to DevStack (a multi-host
     * spec names its controller's, and the computed no_proxy holds it), service-start where Glance runs; and the
     * faults that live in what only a controller runs (a compute host gets DevStack's compute set: no leftover
     * API services, no controller pip installs, no database: its MySQL is not DevStack's, preflight leaves it be).
     */
    private static final Set<String> LONE = Set.of("no-proxy", "service-start", "stale-run", "pip-distutils", "mysql-root");
    /** Host settings: one run for the faults without a fix-up. */
    private static final Map<String, String> HOST_SETTINGS = Map.of(
            "service-start", ", retries: 0",
            "disk-full", ", retries: 0");

    /** Deploys run at once: the fleet (six hosts at a time itself) and two one-host sandboxes, on two cores. */
    private static final int SIDE_BY_SIDE = 3;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyFaultInTheCurrentEra() throws Exception {
        return faultsIn("current");
    }

    @TestFactory
    Stream<DynamicTest> everyFaultInThe2016Era() throws Exception {
        return faultsIn("2016");
    }

    private record Outcome(Map<String, JsonNode> hosts, String log) {
    }

    /** Deploys {@code spec} on a sandbox of {@code era} whose hosts carry these faults; the report's hosts by name. */
    private Outcome deploy(String era, String name, String spec, Map<String, Set<String>> byHost) throws Exception {
        Path specFile = Files.writeString(dir.resolve(name + "-" + era + ".yaml"), spec);
        SandboxOptions options = new SandboxOptions(1, era, Set.of("none"), null, false).withHostFaults(byHost);
        Map<String, JsonNode> hosts = new HashMap<>();
        try (SandboxSession sandbox = SandboxSession.start(SpecLoader.load(specFile), options, ProxyStandIns.Kind.TINYPROXY_OR_JVM)) {
            Path reports = dir.resolve("report-" + name + "-" + era);
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            Main.run(new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    "deploy", "-f", sandbox.specFile().toString(), "--report-dir", reports.toString(), "--parallel", "6");
            JSON.readTree(reports.resolve("report.json").toFile()).get("hosts")
                    .forEach(h -> hosts.put(h.get("name").asText(), h));
            return new Outcome(hosts, stdout.toString(StandardCharsets.UTF_8));
        }
    }

    private Stream<DynamicTest> faultsIn(String era) throws Exception {
        String defaults = """
                version: 1
                defaults:
                  passwords: {admin: faultadmin, database: faultdb, rabbit: faultrabbit, service: faultservice}
                  git_base: auto
                  services: {enable: [q-svc, q-agt, q-dhcp, q-l3, q-meta, neutron], disable: [n-net]}
                  fixups: auto
                  retries: 4
                hosts:
                """;
        // a clean controller and one compute host per fault, but those a one-host sandbox shows (LONE)
        StringBuilder fleet = new StringBuilder(defaults).append("  - {name: ctl, address: 10.44.0.10, role: controller}\n");
        Map<String, Set<String>> byHost = new HashMap<>();
        int n = 11;
        for (String fault : EXPECTED.keySet()) {
            if (LONE.contains(fault)) {
                continue;
            }
            String host = "cmp-" + fault;
            fleet.append("  - {name: ").append(host).append(", address: 10.44.0.").append(n++).append(", role: compute")
                    .append(HOST_SETTINGS.getOrDefault(fault, "")).append("}\n");
            byHost.put(host, Set.of(fault));
        }
        // the fleet and the one-host sandboxes are independent labs (own roots, ports, spec files and state
        // dirs): they deploy side by side, as the service's workers run sandbox deploys in one JVM
        List<Callable<Outcome>> deploys = new ArrayList<>();
        deploys.add(() -> deploy(era, "fleet", fleet.toString(), byHost));
        for (String fault : LONE) {
            String host = "one-" + fault;
            deploys.add(() -> deploy(era, host, defaults + "  - {name: " + host + ", address: 10.44.0.9, role: controller"
                    + HOST_SETTINGS.getOrDefault(fault, "") + "}\n", Map.of(host, Set.of(fault))));
        }
        Map<String, JsonNode> hosts = new HashMap<>();
        StringBuilder out = new StringBuilder();
        ExecutorService pool = Executors.newFixedThreadPool(SIDE_BY_SIDE);
        try {
            for (Future<Outcome> done : pool.invokeAll(deploys)) {
                Outcome outcome = done.get();
                hosts.putAll(outcome.hosts());
                out.append(outcome.log());
            }
        } finally {
            pool.shutdownNow();
        }
        String log = out.toString();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(era + ": the clean controller", () ->
                assertThat(hosts.get("ctl").get("status").asText()).as(log).isEqualTo("healthy")));
        EXPECTED.forEach((fault, expected) -> tests.add(DynamicTest.dynamicTest(era + ": " + fault, () -> {
            String name = (LONE.contains(fault) ? "one-" : "cmp-") + fault;
            JsonNode host = hosts.get(name);
            assertThat(host).as(log).isNotNull();
            String lines = log.lines().filter(l -> l.contains(" " + name + " ")).collect(Collectors.joining("\n"));
            // the host's name contains the fault's: only what the run says about it counts
            String shown = (host + "\n" + lines).replace(name, "HOST");
            assertThat(host.get("status").asText()).as(shown).isEqualTo(expected.status());
            assertThat(shown).as("%s ends %s naming '%s'", fault, expected.status(), expected.evidence())
                    .contains(expected.evidence());
            if (expected.applied() != null) {
                List<String> applied = new ArrayList<>();
                host.get("fixups_applied").forEach(f -> applied.add(f.asText()));
                assertThat(applied).as("%s: the fix-ups that changed something\n%s", fault, shown)
                        .contains(expected.applied());
            }
        })));
        return tests.stream();
    }
}
