package io.provisioner.deploy;

import io.provisioner.diagnose.Diagnoser;
import io.provisioner.diagnose.Diagnosis;
import io.provisioner.diagnose.LogOutcome;
import io.provisioner.spec.FixupName;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When another 20-30 minute run of stack.sh can end differently, and when it cannot. */
class RetryPolicyTest {
    private static Diagnosis failure(String category, String... fixups) {
        return new Diagnosis(LogOutcome.FAILED, category, List.of(fixups), List.of(), null, category + " happened", Map.of());
    }

    /** A devstack@ unit that failed to bind its port: a previous run's service, or another of this run's, on it. */
    private static Diagnosis portInUse() throws Exception {
        return Diagnoser.builtin().diagnose(new StringReader(String.join("\n",
                "Mar 12 10:31:07 lab1 devstack@keystone.service[23456]: bind(): Address already in use [core/socket.c line 769]",
                "Mar 12 10:31:07 lab1 systemd[1]: devstack@keystone.service: Main process exited, code=exited, status=1/FAILURE")));
    }

    @Test
    void anUnclearCallWhoseOnlyWithheldFixupIsUnstackEarnsOneMoreRun() throws Exception {
        Diagnosis d = portInUse();
        assertThat(d.confidence()).isEqualTo("medium");
        assertThat(d.fixups()).isEmpty();
        assertThat(d.withheldFixups()).containsExactly("unstack");

        assertThat(RetryPolicy.beforeFixups(d, 1, 2, null, List.of(), List.of()))
                .isInstanceOfSatisfying(RetryPolicy.Retry.class, retry -> assertThat(retry.reason())
                        .contains("next best service-start-failure").contains("the unstack every re-run gets"));
        // the same port again: the re-run told them apart, and it is not the previous run's
        assertThat(RetryPolicy.beforeFixups(d, 2, 2, d.category(), List.of(), List.of()))
                .isInstanceOf(RetryPolicy.Stop.class);
    }

    @Test
    void anUnclearCallThatWithheldAChangeStops() {
        Diagnosis d = new Diagnosis(LogOutcome.FAILED, "apt-source-failure", List.of(), List.of(), null, "apt",
                Map.of(Diagnosis.WITHHELD_FIXUPS, "apt-sources"));

        assertThat(RetryPolicy.beforeFixups(d, 1, 2, null, List.of(), List.of()))
                .isInstanceOfSatisfying(RetryPolicy.Stop.class,
                        stop -> assertThat(stop.why()).contains("no automatic fix-up exists"));
    }

    @Test
    void theSameCategoryTwiceStopsBeforeAnyFixupRunsAgain() {
        RetryPolicy.Verdict verdict = RetryPolicy.beforeFixups(failure("service-start-failure", "unstack"), 2, 6,
                "service-start-failure", List.of(FixupName.UNSTACK), List.of());

        assertThat(verdict).isInstanceOfSatisfying(RetryPolicy.Stop.class,
                stop -> assertThat(stop.why()).contains("service-start-failure twice in a row"));
    }

    @Test
    void aTransientFailureIsRetriedEvenWhenItRepeats() {
        RetryPolicy.Verdict verdict = RetryPolicy.beforeFixups(failure("git-clone-failure", "retry"), 2, 6,
                "git-clone-failure", List.of(FixupName.RETRY), List.of());

        assertThat(verdict).isEqualTo(new RetryPolicy.ApplyFixups(List.of(FixupName.RETRY)));
        assertThat(RetryPolicy.afterFixups(List.of(FixupName.RETRY), List.of()))
                .isInstanceOf(RetryPolicy.Retry.class);
    }

    @Test
    void aHeldLockThatHasSinceBeenReleasedEarnsAnotherRun() {
        // apt-lock changes nothing: it waits until the other package manager is done and verifies the lock is free
        assertThat(RetryPolicy.afterFixups(List.of(FixupName.APT_LOCK, FixupName.UNSTACK), List.of()))
                .isInstanceOf(RetryPolicy.Retry.class);
    }

    @Test
    void fixupsThatFoundNothingToChangeStop() {
        assertThat(RetryPolicy.afterFixups(List.of(FixupName.PIP_DISTUTILS), List.of()))
                .isInstanceOfSatisfying(RetryPolicy.Stop.class,
                        stop -> assertThat(stop.why()).contains("pip-distutils found nothing to change"));
    }

    @Test
    void aVerifiedChangeEarnsAnotherRun() {
        assertThat(RetryPolicy.afterFixups(List.of(FixupName.MYSQL_ROOT_PASSWORD), List.of(FixupName.MYSQL_ROOT_PASSWORD)))
                .isInstanceOf(RetryPolicy.Retry.class);
    }

    @Test
    void anUnknownFixupNameIsSaidNotDropped() {
        RetryPolicy.Verdict verdict = RetryPolicy.beforeFixups(failure("new-thing", "reboot-host"), 1, 6, null,
                List.of(), List.of("reboot-host"));

        assertThat(verdict).isInstanceOfSatisfying(RetryPolicy.Stop.class,
                stop -> assertThat(stop.why()).contains("reboot-host"));
    }

    @Test
    void theRetryBudgetEnds() {
        assertThat(RetryPolicy.beforeFixups(failure("mysql-root-access-denied", "mysql-root-password"), 3, 2, null,
                List.of(FixupName.MYSQL_ROOT_PASSWORD), List.of())).isInstanceOf(RetryPolicy.Stop.class);
    }
}
