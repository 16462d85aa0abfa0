package io.provisioner.probe;

import io.provisioner.lab.ClassLab;
import io.provisioner.lab.MariaDbServer;
import io.provisioner.lab.NetNamespace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real MariaDB listening on the root side of a veth pair, probed from the namespace's address, where the
 * host cache and {@code max_connect_errors} apply (they never do for loopback).
 */
class MariaDbProbeIT {
    @RegisterExtension
    @Order(1)
    static final ClassLab<NetNamespace> NAMESPACE = NetNamespace.perClass();
    @RegisterExtension
    @Order(2)
    static final ClassLab<MariaDbServer> MARIADB = MariaDbServer.perClass(server -> server.rootPassword("Root1pass")
            .bindAddress(NAMESPACE.get().hostAddress()).option("max_connect_errors", "3"));
    private static NetNamespace ns;
    private static MariaDbServer db;

    @BeforeAll
    static void start() {
        ns = NAMESPACE.get();
        db = MARIADB.get();
        // No skip-name-resolve: with it MariaDB keeps no host cache, so nothing would ever be blocked.
        db.runAsRoot("CREATE USER 'app'@'" + ns.address() + "' IDENTIFIED BY 'App1pass'");
    }

    private String target() {
        return "mysql://" + ns.hostAddress() + ":" + db.port();
    }

    @Test
    void greetingGivesTheServerVersion() {
        db.runAsRoot("FLUSH HOSTS");
        NetNamespace.Result r = ProbeCli.runIn(ns, Duration.ofSeconds(60), target(), "--timeout", "3s");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("up", "10.11", "MariaDB").doesNotContain("5.5.5-");
    }

    @Test
    void hostWithoutAnyAccountGetsErr1130AsAServiceError() {
        // From the root namespace the source address is the veth's root end: no account matches it.
        ProbeResult r = Prober.direct().probe(ProbeTarget.parse(target()), Duration.ofSeconds(3));
        assertThat(r.outcome()).isEqualTo(ProbeOutcome.SERVICE_ERROR);
        assertThat(r.detail()).startsWith("ERR 1130: Host '" + ns.hostAddress() + "' is not allowed");
    }

    @Test
    void fiftyProbesDoNotTripMaxConnectErrorsWhileBareConnectsDo() {
        // Control: bare connect-and-close (what a TCP health check does) blocks the host after 3.
        db.runAsRoot("FLUSH HOSTS");
        for (int i = 0; i < 5; i++) {
            ns.exec(Duration.ofSeconds(10), "bash", "-c",
                    "exec 3<>/dev/tcp/" + ns.hostAddress() + "/" + db.port() + "; sleep 0.2; exec 3>&-");
        }
        NetNamespace.Result blocked = ns.exec(db.clientCommand(ns.hostAddress(), "app", "App1pass", "SELECT 1")
                .toArray(String[]::new));
        assertThat(blocked.output()).contains("1129");

        db.runAsRoot("FLUSH HOSTS");
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            args.add(target());
        }
        args.addAll(List.of("--parallel", "1", "--timeout", "3s"));
        NetNamespace.Result probes = ProbeCli.runIn(ns, Duration.ofSeconds(120), args.toArray(String[]::new));
        assertThat(probes.exitCode()).as(probes.output()).isZero();
        assertThat(probes.output().lines().filter(l -> l.contains(" up ")).count()).isEqualTo(50);

        NetNamespace.Result client = ns.exec(db.clientCommand(ns.hostAddress(), "app", "App1pass", "SELECT 42")
                .toArray(String[]::new));
        assertThat(client.output()).as("a real client after 50 probes").contains("42").doesNotContain("1129");
        assertThat(client.exitCode()).isZero();
    }
}
