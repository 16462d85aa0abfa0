package io.provisioner.deploy;

import io.provisioner.probe.Outcome;
import io.provisioner.probe.ProbeResult;
import io.provisioner.probe.ProbeTarget;
import io.provisioner.probe.Prober;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.Host;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code provisioner preflight}: the read-only checks on many hosts at once. A TCP probe first tells an
 * unreachable host from a refused login; then one SSH round trip per host gathers every fact.
 */
public final class FleetPreflight {
    private final HostConnector connector;
    private final PreflightOptions options;

    public FleetPreflight(HostConnector connector, PreflightOptions options) {
        this.connector = connector;
        this.options = options;
    }

    /** One host's checks; {@code unreachable} when it could not be reached or logged into. */
    public record HostChecks(String host, boolean unreachable, List<CheckResult> checks) {
        public boolean failed() {
            return unreachable || checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL);
        }
    }

    public List<HostChecks> run(List<Host> hosts, int parallel) {
        return HostPool.map(hosts, parallel, this::check);
    }

    HostChecks check(Host host) {
        String h = host.name();
        if (!host.isLocal() && options.runs("reachable") && host.ssh().jump() == null) {
            ProbeResult p = Prober.direct().probe(ProbeTarget.parse("tcp://" + hostPort(host)), host.timeouts().connect());
            if (p.outcome() != Outcome.UP) {
                return new HostChecks(h, true, List.of(CheckResult.fail(h, "reachable", "ssh port "
                        + hostPort(host) + ": " + p.outcome().label() + " (" + p.detail() + ")",
                        "check the address, the port and the network path to the host")));
            }
        }
        List<CheckResult> checks = new ArrayList<>();
        checks.add(CheckResult.pass(h, "reachable", "ssh port answers"));
        try (RemoteShell shell = connector.open(host)) {
            Preflight preflight = new Preflight(options);
            checks.addAll(preflight.evaluate(host, preflight.gather(shell, host)));
            return new HostChecks(h, false, checks);
        } catch (RemoteException e) {
            checks.add(CheckResult.fail(h, "auth", e.getMessage(), "see the message for the remedy"));
            return new HostChecks(h, true, checks);
        }
    }

    private static String hostPort(Host host) {
        String a = host.address();
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + host.ssh().port();
    }
}
