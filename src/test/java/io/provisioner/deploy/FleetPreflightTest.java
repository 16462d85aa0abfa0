package io.provisioner.deploy;

import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** preflight says about reachability only what a connect saw. */
class FleetPreflightTest {
    @TempDir
    Path dir;

    private Host host(String ssh) {
        Spec spec = TestSpecs.load(dir, """
                version: 1
                defaults:
                  passwords: {admin: secretadmin1, database: secretdb1, rabbit: secretrabbit1, service: secretsvc1}
                hosts:
                  - name: lab1
                    address: 127.0.0.1
                %s
                """.formatted(ssh));
        return spec.hosts().get(0);
    }

    @Test
    void aMissingIdentityIsNamedAndNoReachabilityIsClaimed() {
        AtomicInteger connects = new AtomicInteger();
        Host host = host("    ssh: {port: 1, identity: " + dir.resolve("gone") + "}");

        FleetPreflight.HostChecks checks = new FleetPreflight(target -> {
            connects.incrementAndGet();
            throw new RemoteException(RemoteFailure.UNREACHABLE, target.name(), "connection refused");
        }, PreflightOptions.defaults()).check(host);

        assertThat(connects).hasValue(0);
        assertThat(checks.checks()).noneMatch(check -> check.check().equals("reachable"));
        assertThat(checks.checks()).singleElement().satisfies(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(check.detail()).contains(dir.resolve("gone").toString());
        });
    }

    @Test
    void aClosedPortIsUnreachableNotAPass() {
        Host host = host("    ssh: {port: 1}");

        FleetPreflight.HostChecks checks = new FleetPreflight(target -> {
            throw new RemoteException(RemoteFailure.UNREACHABLE, target.name(), "connection refused");
        }, PreflightOptions.defaults()).check(host);

        assertThat(checks.checks()).singleElement().satisfies(check -> {
            assertThat(check.check()).isEqualTo("reachable");
            assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        });
    }

    @Test
    void aPortThatClosesBeforeTheLoginIsReachableAndTheRemedyIsAboutSshd() {
        // something took the TCP connection on port 22 and closed it (a TCP proxy, MaxStartups, fail2ban)
        Host host = host("    ssh: {port: 22}");

        FleetPreflight.HostChecks checks = new FleetPreflight(target -> {
            throw new RemoteException(RemoteFailure.DISCONNECTED, target.name(),
                    "lab1 closed the connection during the handshake: connection is closed by foreign host");
        }, PreflightOptions.defaults()).check(host);

        assertThat(checks.checks()).extracting(CheckResult::check, CheckResult::status).containsExactly(
                tuple("reachable", CheckStatus.PASS),
                tuple("auth", CheckStatus.FAIL));
        assertThat(checks.checks().get(0).detail()).isEqualTo("the host took the connection, then closed it before the login");
        assertThat(checks.checks().get(1).remedy()).startsWith("check that sshd listens on ssh.port there");
    }
}
