package io.provisioner.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A re-run of stack.sh costs 20-30 minutes on a real host: it happens only when a fix-up changed something
 * and verified it, or the failure is transient. Simulated hosts with one fault each, the real engine.
 */
class RetryFollowsDiagnosisIT {
    @TempDir
    Path dir;

    @Test
    void aServiceThatStillWillNotStartAfterUnstackStopsAtTheSecondRun() throws Exception {
        SandboxDeploy.Result result = SandboxDeploy.run(dir, "service-start");

        HostReport host = result.host();
        assertThat(host.status()).isEqualTo(HostStatus.FAILED);
        assertThat(host.attempts()).as(host.message()).isEqualTo(2);
        assertThat(host.message()).contains("service-start-failure twice in a row")
                .contains("g-api did not come up");
        assertThat(result.journal()).filteredOn(record -> record.step().equals("stack")
                && record.state() == StepState.FAILED).extracting(record -> record.data().get("attempt"))
                .containsOnly("1", "2");
    }

    @Test
    void mysqlInstalledWithAnotherRootPasswordIsRepairedInPreflightSoTheFirstRunSucceeds() throws Exception {
        SandboxDeploy.Result result = SandboxDeploy.run(dir, "mysql-root");

        HostReport host = result.host();
        assertThat(host.status()).as(host.message()).isEqualTo(HostStatus.HEALTHY);
        assertThat(host.attempts()).as(host.message()).isEqualTo(1);
        assertThat(host.steps()).filteredOn(step -> step.step().equals("fixup:mysql-root-password")).singleElement()
                .satisfies(step -> {
                    assertThat(step.attempt()).as("applied in preflight, before the first run").isZero();
                    assertThat(step.detail()).startsWith("reset MySQL root's password").contains("verified")
                            .doesNotContain("ERROR 1045");
                });
    }

    @Test
    void aFixupThatRepairsTheCauseEarnsExactlyOneMoreRun() throws Exception {
        SandboxDeploy.Result result = SandboxDeploy.run(dir, "pip-distutils");

        HostReport host = result.host();
        assertThat(host.status()).as(host.message()).isEqualTo(HostStatus.HEALTHY);
        assertThat(host.attempts()).as(host.message()).isEqualTo(2);
        assertThat(host.fixupsApplied()).contains("pip-distutils");
        assertThat(host.steps()).filteredOn(step -> step.step().equals("stack")).extracting(StepReport::status)
                .containsExactly(StepStatus.FAILED, StepStatus.PASSED);
    }
}
