package io.provisioner.deploy;

import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.Host;
import io.provisioner.spec.IdentityFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            return new HostChecks(target, true, List.of(CheckResult.pass(target, PreflightCheck.REACHABLE,
                    "the host took the connection, then " + whatHappened(e.failure())),
                    CheckResult.fail(target, PreflightCheck.AUTH, e.getMessage(), remedy(e.failure()))));
        }
    }

    private static String whatHappened(RemoteFailure failure) {
        return switch (failure) {
            case AUTHENTICATION -> "refused the login";
            case HOST_KEY_UNKNOWN, HOST_KEY_CHANGED -> "offered a host key that is not accepted";
            case DISCONNECTED -> "closed it before the login";
            default -> "failed: " + failure.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** The one line to follow; the message before it names the files and commands. */
    private static String remedy(RemoteFailure failure) {
        return switch (failure) {
            case AUTHENTICATION -> "install the key on the host (ssh-copy-id) or point ssh.identity at the right one";
            case HOST_KEY_UNKNOWN, HOST_KEY_CHANGED -> "check the host's key fingerprint, then update known_hosts as said";
            case DISCONNECTED -> "check that sshd listens on ssh.port there and lets this user in (AllowUsers, MaxStartups,"
                    + " fail2ban, a port forward to something else)";
            default -> "the message says what failed; sshd's log on the host says why";
        };
    }
}
