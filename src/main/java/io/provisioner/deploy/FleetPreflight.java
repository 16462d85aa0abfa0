package io.provisioner.deploy;

import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.Host;
import io.provisioner.spec.IdentityFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code provisioner preflight}: the read-only checks on many hosts at once, one SSH connection and one
 * round trip per host. The connect itself is the reachability check: a transport failure (refused, timed
 * out, no route, no such name) makes the host unreachable, any other refusal (key, host key) is a reachable
 * host that would not let us in. A separate TCP probe first would cost every healthy target a second sshd
 * (each accepted connection forks and re-executes sshd) to learn what the connect tells anyway.
 */
public final class FleetPreflight {
    private final HostConnector connector;
    private final PreflightOptions options;

    /** {@code connector}: one attempt per host (a preflight reports, it does not wait out a flaky link). */
    public FleetPreflight(HostConnector connector, PreflightOptions options) {
        this.connector = connector;
        this.options = options;
    }

    /** One host's checks; {@code unreachable} when it could not be reached or logged into. */
    public record HostChecks(String host, boolean unreachable, List<CheckResult> checks) {
        public boolean failed() {
            return unreachable || checks.stream().anyMatch(check -> check.status() == CheckStatus.FAIL);
        }
    }

    public List<HostChecks> run(List<Host> hosts, int parallel) {
        return HostPool.map(hosts, parallel, this::check);
    }

    HostChecks check(Host host) {
        String target = host.name();
        Optional<String> identity = IdentityFiles.problem(host);
        if (identity.isPresent()) {
            // nothing was tried: no claim about the host either way
            return new HostChecks(target, true, List.of(CheckResult.fail(target, PreflightCheck.AUTH, identity.get(),
                    "fix ssh.identity in the spec ('provisioner validate' finds this)")));
        }
        try (RemoteShell shell = connector.open(host)) {
            Preflight preflight = new Preflight(options);
            List<CheckResult> checks = new ArrayList<>(List.of(CheckResult.pass(target, PreflightCheck.REACHABLE,
                    "ssh answered and the login succeeded")));
            checks.addAll(preflight.evaluate(host, preflight.gather(shell, host)));
            return new HostChecks(target, false, checks);
        } catch (RemoteException e) {
            // only the connect fails as unreachable; a refused login or a broken session is a host that answered
            if (e.failure() == RemoteFailure.UNREACHABLE) {
                return new HostChecks(target, true, List.of(CheckResult.fail(target, PreflightCheck.REACHABLE, e.getMessage(),
                        "check the address, the port (ssh.port) and the network path to the host")));
            }
            return new HostChecks(target, true, List.of(CheckResult.pass(target, PreflightCheck.REACHABLE, "ssh answered (" + e.failure()
                    .name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " after the connect)"),
                    CheckResult.fail(target, PreflightCheck.AUTH, e.getMessage(), "see the message for the remedy")));
        }
    }
}
