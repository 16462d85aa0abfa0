package io.provisioner.plan;

import io.provisioner.render.HostRenderer;
import io.provisioner.render.RenderedHost;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {
    private static Spec load(String file) {
        return SpecLoader.load(Path.of(file), Map.of("HOME", "/home/tester"));
    }

    @Test
    void listsHostsControllerFirstWithStepsInExecutionOrder() {
        Plan plan = Planner.plan(load("config/two-node-lab.yaml"), HostRenderer.withDefaultTemplates());
        assertThat(plan.hosts()).extracting(HostPlan::host).containsExactly("ctl1", "cpu1");
        assertThat(plan.hosts().get(0).steps()).extracting(PlanStep::name).containsExactly("connect", "preflight",
                "prepare", "upload-local-conf", "apply-stackrc-overlay", "stack", "verify", "discover_hosts");
        assertThat(plan.hosts().get(1).steps()).extracting(PlanStep::name).containsExactly("connect", "preflight",
                "prepare", "upload-local-conf", "apply-stackrc-overlay", "stack", "verify");
        assertThat(plan.notes()).anyMatch(n -> n.contains("discover_hosts"));
    }

    @Test
    void fileHashesAreThoseOfTheRenderedFiles() {
        Spec spec = load("config/two-node-lab.yaml");
        Plan plan = Planner.plan(spec, HostRenderer.withDefaultTemplates());
        RenderedHost r = HostRenderer.withDefaultTemplates().render(spec, spec.host("cpu1").orElseThrow(), "https://opendev.org");
        HostPlan cpu = plan.hosts().get(1);
        PlannedFile localConf = cpu.steps().get(3).files().get(0);
        assertThat(localConf.path()).isEqualTo("/opt/stack/devstack/local.conf");
        assertThat(localConf.sha256()).isEqualTo(r.localConfSha256());
        assertThat(cpu.steps().get(4).files().get(0).sha256()).isEqualTo(r.stackrcOverlaySha256());
        assertThat(cpu.steps().get(3).predictable()).isTrue();
        assertThat(localConf.mode()).isEqualTo("0600");
        assertThat(cpu.steps().get(4).files().get(0).mode()).isEqualTo("0644");
    }

    @Test
    void autoGitBaseMakesTheFilesUnpredictableAndSaysSo() {
        HostPlan lab1 = Planner.plan(load("config/article-lab.yaml"), HostRenderer.withDefaultTemplates()).hosts().get(0);
        assertThat(lab1.steps().get(3).predictable()).isFalse();
        assertThat(lab1.steps().get(3).note()).contains("https://opendev.org");
        assertThat(lab1.unpredictable()).anyMatch(u -> u.startsWith("GIT_BASE"));
        assertThat(lab1.steps().get(1).note()).contains("stdin");
    }

    @Test
    void stackStepNamesTheLogExitAndLockFilesOfTheFirstAttemptUnderTheStateDir() {
        Spec spec = load("config/two-node-lab.yaml");
        HostPlan ctl = Planner.plan(spec, HostRenderer.withDefaultTemplates()).hosts().get(0);
        String state = spec.host("ctl1").orElseThrow().paths().stateDir();
        assertThat(ctl.steps().get(5).commands()).singleElement().asString()
                .contains("setsid ./stack.sh", state + "/stack-1.log", state + "/stack-1.exit", state + "/stack.lock");
    }

    @Test
    void listsOnlyTheFixupsTheSpecAllows() {
        HostPlan ctl = Planner.plan(load("config/two-node-lab.yaml"), HostRenderer.withDefaultTemplates()).hosts().get(0);
        assertThat(ctl.fixupsAllowed()).containsExactly("git-https", "no-proxy", "mysql-root-password",
                "ovs-socket-permissions", "unstack", "retry");
    }

    @Test
    void textNamesEveryHostStepAndHashWithoutSecrets() {
        Spec spec = load("config/two-node-lab.yaml");
        String text = PlanText.format(Planner.plan(spec, HostRenderer.withDefaultTemplates()));
        assertThat(text).contains("1. ctl1 (controller", "2. cpu1 (compute", "2.4 upload-local-conf", "sha256:",
                "fix-ups allowed:", "decided only at run time:");
        assertThat(text).doesNotContain("secretadmin", "secretdatabase");
    }
}
