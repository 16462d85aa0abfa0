package io.provisioner.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerifierTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    /**
     * The controller's MySQL and RabbitMQ are probed through the compute host's own shell (here this machine's
     * bash, counted), at the address its local.conf points at; nothing listens on 127.0.0.9 here.
     */
    @Test
    void aComputeHostProbesTheControllersDatabaseAndQueueFromItsOwnSide() {
        io.provisioner.spec.Spec spec = TestSpecs.load(dir, """
                version: 1
                defaults:
                  passwords: {admin: secretadmin1, database: secretdb1, rabbit: secretrabbit1, service: secretsvc1}
                hosts:
                  - {name: ctl, address: 127.0.0.9, role: controller}
                  - {name: cmp1, address: 127.0.0.10, role: compute}
                """);
        java.util.concurrent.atomic.AtomicInteger commands = new java.util.concurrent.atomic.AtomicInteger();
        ForwardingShell compute = new ForwardingShell(new io.provisioner.remote.LocalShell("cmp1")) {
            @Override
            public io.provisioner.remote.CommandResult run(io.provisioner.remote.RemoteCommand command,
                                                            io.provisioner.remote.OutputListener listener)
                    throws io.provisioner.remote.RemoteException {
                commands.incrementAndGet();
                return super.run(command, listener);
            }
        };

        java.util.List<io.provisioner.probe.ProbeResult> probes = Verifier.fromTheComputeHost(spec,
                spec.host("cmp1").orElseThrow(), compute);

        assertThat(probes).extracting(io.provisioner.probe.ProbeResult::target)
                .containsExactly("mysql://127.0.0.9:3306", "amqp://127.0.0.9:5672");
        assertThat(probes).noneMatch(probe -> probe.outcome().isHealthy());
        assertThat(commands).hasValue(2);
        assertThat(Verifier.fromTheComputeHost(spec, spec.host("ctl").orElseThrow(), compute)).isEmpty();
    }

    @Test
    void apachePathsFollowTheBaseDevStackPrinted() {
        String base = Verifier.apacheBase("http://127.0.1.1:8080/identity/");
        assertThat(base).isEqualTo("http://127.0.1.1:8080");
        assertThat(Verifier.rebase("http://127.0.1.1/identity/v3/", "127.0.1.1", base))
                .isEqualTo("http://127.0.1.1:8080/identity/v3/");
        assertThat(Verifier.rebase("mysql://127.0.1.1:3306", "127.0.1.1", base)).isEqualTo("mysql://127.0.1.1:3306");
    }

    @Test
    void theLegacyKeystonePortIsNotApache() {
        assertThat(Verifier.apacheBase("http://10.0.0.5:5000/")).isNull();
        assertThat(Verifier.rebase("http://10.0.0.5/dashboard", "10.0.0.5", null)).isEqualTo("http://10.0.0.5/dashboard");
    }

    @Test
    void tlsProxyMovesEveryApachePath() {
        String base = Verifier.apacheBase("https://10.0.0.5/identity");
        assertThat(Verifier.rebase("http://10.0.0.5/compute/v2.1", "10.0.0.5", base))
                .isEqualTo("https://10.0.0.5/compute/v2.1");
    }
}
