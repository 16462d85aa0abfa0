package io.provisioner.deploy;

import io.provisioner.remote.LocalShell;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PreflightTest {
    @TempDir
    Path dir;

    private static Map<String, String> goodFacts() {
        Map<String, String> f = new HashMap<>();
        f.put("uid", "1000");
        f.put("user", "stack");
        f.put("sudo", "ok");
        f.put("distro_id", "ubuntu");
        f.put("distro_codename", "noble");
        f.put("distro_version", "24.04");
        f.put("supported", "bookworm|jammy|noble|rhel9");
        f.put("cpus", "8");
        f.put("mem_kb", String.valueOf(16L * 1024 * 1024));
        f.put("disk_kb", String.valueOf(100L * 1024 * 1024));
        f.put("ntp", "yes");
        f.put("locale", "1");
        f.put("stack_running", "");
        f.put("screen_stack", "0");
        f.put("stale_localrc", " ");
        f.put("mysql", "absent");
        f.put("ovs", "absent");
        f.put("done", "yes");
        return f;
    }

    private Host host() {
        return TestSpecs.localHost(dir, "").hosts().get(0);
    }

    private List<CheckResult> evaluate(Map<String, String> facts) {
        return new Preflight(PreflightOptions.defaults()).evaluate(host(), factsFrom(facts));
    }

    /** The facts as the preflight script would print them, parsed the way a deploy parses them. */
    private static HostFacts factsFrom(Map<String, String> facts) {
        StringBuilder output = new StringBuilder();
        facts.forEach((key, value) -> output.append(key).append('=').append(value).append('\n'));
        return HostFacts.parse(output.toString());
    }

    private static CheckResult check(List<CheckResult> results, String name) {
        return results.stream().filter(c -> c.check().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aHealthyHostPassesEveryCheck() {
        assertThat(evaluate(goodFacts())).allMatch(c -> c.status() == CheckStatus.PASS, "all pass");
    }

    @Test
    void rootLoginFailsBecauseStackShRefusesRoot() {
        Map<String, String> f = goodFacts();
        f.put("uid", "0");
        CheckResult c = check(evaluate(f), "non-root");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.remedy()).contains("stack user");
    }

    @Test
    void mysqlAccessDeniedFailsAndNamesTheFixup() {
        Map<String, String> f = goodFacts();
        f.put("mysql", "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)");
        CheckResult c = check(evaluate(f), "mysql");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.fixup()).isEqualTo("mysql-root-password");
    }

    @Test
    void mysqlNotInstalledYetIsSaidAndLeftToThePostRunFixup() {
        CheckResult c = check(evaluate(goodFacts()), "mysql");
        assertThat(c.status()).isEqualTo(CheckStatus.PASS);
        assertThat(c.detail()).contains("not installed yet").contains("mysql-root-password fix-up runs after");
    }

    @Test
    void aptThatCouldNotRunForLackOfSudoIsNotBlamedOnTheSources() {
        Map<String, String> f = goodFacts();
        f.put("apt", "apt-get update exited 127: timeout: failed to run command 'sudo': No such file or directory");
        CheckResult c = check(evaluate(f), "apt");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.fixup()).isNull();
        assertThat(c.remedy()).contains("install sudo").doesNotContain("comment out");
    }

    @Test
    void aptWithAFailingSourceIsRepairedByCommentingItOut() {
        Map<String, String> f = goodFacts();
        f.put("apt", "Err:5 http://ppa.launchpad.net/ondrej/php/ubuntu trusty Release 404  Not Found");
        CheckResult c = check(evaluate(f), "apt");
        assertThat(c.fixup()).isEqualTo("apt-sources");
        assertThat(c.remedy()).contains("comment out");
    }

    @Test
    void mysqlInstalledButNotListeningIsLeftToStackSh() {
        Map<String, String> f = goodFacts();
        f.put("mysql", "down");
        CheckResult c = check(evaluate(f), "mysql");
        assertThat(c.status()).isEqualTo(CheckStatus.PASS);
        assertThat(c.detail()).contains("not running");
        assertThat(c.fixup()).isNull();
    }

    @Test
    void ovsThatDoesNotAnswerFailsWithoutThePermissionsFixup() {
        Map<String, String> f = goodFacts();
        f.put("ovs", "ovs-vsctl show gave no answer (exit 124)");
        CheckResult ovs = check(evaluate(f), "ovs");
        assertThat(ovs.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(ovs.fixup()).isNull();
        assertThat(ovs.detail()).contains("exit 124");
    }

    @Test
    void ovsPermissionDeniedNamesTheSocketFixup() {
        Map<String, String> f = goodFacts();
        f.put("ovs", "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (Permission denied)");
        assertThat(check(evaluate(f), "ovs").fixup()).isEqualTo("ovs-socket-permissions");
    }

    @Test
    void aForeignProgramOnAPortDevStackNeedsFails() {
        Map<String, String> f = goodFacts();
        f.put("port_80", "nginx");
        f.put("port_3306", "mariadbd");
        CheckResult c = check(evaluate(f), "ports");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.detail()).contains("80 (nginx)").doesNotContain("3306");
    }

    @Test
    void anUnsupportedDistroFailsWithTheTreesList() {
        Map<String, String> f = goodFacts();
        f.put("distro_codename", "buster");
        f.put("distro_id", "debian");
        f.put("distro_version", "10");
        CheckResult c = check(evaluate(f), "distro");
        assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(c.detail()).contains("bookworm|jammy|noble|rhel9");
    }

    @Test
    void factsThatDoNotParseFailTheFirstCheckNamingThem() {
        Map<String, String> f = goodFacts();
        f.put("cpus", "eight");
        List<CheckResult> results = evaluate(f);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(results.get(0).detail()).contains("cpus=eight: not a whole number");
    }

    @Test
    void unknownCapacityWarnsInsteadOfCountingZero() {
        Map<String, String> f = goodFacts();
        f.put("disk_kb", "");
        f.put("mem_kb", "");
        List<CheckResult> results = evaluate(f);
        assertThat(check(results, "disk").status()).isEqualTo(CheckStatus.WARN);
        assertThat(check(results, "disk").detail()).contains("unknown");
        assertThat(check(results, "memory").detail()).contains("unknown");
    }

    @Test
    void skippedChecksAreReportedAsSkipped() {
        List<CheckResult> r = new Preflight(PreflightOptions.defaults().skipping(Set.of("disk")))
                .evaluate(host(), factsFrom(Map.of("done", "yes", "disk_kb", "1")));
        assertThat(check(r, "disk").status()).isEqualTo(CheckStatus.SKIPPED);
    }

    @Test
    void gitBaseAutoPrefersHttpsAndFallsBackToGitProtocol() {
        Preflight p = new Preflight(PreflightOptions.defaults());
        Spec spec = TestSpecs.localHost(dir, "  git_base: auto");
        Host h = spec.hosts().get(0);
        assertThat(p.chooseGitBase(h, factsFrom(Map.of("git_https", "ok", "git_proto",
                "fatal: unable to connect to git.openstack.org"))).gitBase()).isEqualTo(Preflight.HTTPS_GIT_BASE);
        assertThat(p.chooseGitBase(h, factsFrom(Map.of("git_https", "timed out", "git_proto", "ok")))
                .gitBase()).isEqualTo(Preflight.GIT_PROTOCOL_BASE);
        assertThat(p.chooseGitBase(h, factsFrom(Map.of("git_https", "timed out", "git_proto", "timed out")))
                .gitBase()).isNull();
    }

    @Test
    void theFactScriptRunsOnARealShellAndReportsThisMachine() throws Exception {
        Spec spec = TestSpecs.localHost(dir, "");
        Host h = spec.hosts().get(0);
        Files.createDirectories(dir.resolve("devstack"));
        Files.writeString(dir.resolve("devstack/localrc"), "ADMIN_PASSWORD=old\n");
        try (LocalShell shell = new LocalShell("lab1")) {
            HostFacts f = new Preflight(PreflightOptions.defaults().skipping(Set.of("apt", "git", "proxy")))
                    .gather(shell, h);
            assertThat(f.complete()).isTrue();
            assertThat(f.capacity().cpus()).hasValue(Runtime.getRuntime().availableProcessors());
            String memLine = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            assertThat(memLine).contains(" " + f.capacity().memoryKb().orElseThrow() + " kB");
            assertThat(f.login().uid()).hasValue((int) new com.sun.security.auth.module.UnixSystem().getUid());
            assertThat(f.leftovers().staleLocalrc()).contains("localrc");
            assertThat(f.capacity().diskFreeKb().orElseThrow()).isPositive();
        }
    }

    @Test
    void aComputeHostIsNotHeldToAControllersDatabaseAndPorts() {
        Host compute = TestSpecs.localCompute(dir).hosts().get(1);
        Map<String, String> f = goodFacts();
        f.put("mysql", "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)");
        f.put("port_80", "nginx");
        List<CheckResult> results = new Preflight(PreflightOptions.defaults()).evaluate(compute, factsFrom(f));
        assertThat(check(results, "mysql").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(results, "mysql").fixup()).isNull();
        assertThat(check(results, "mysql").detail()).contains("compute host runs no database");
        assertThat(check(results, "ports").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(results, "ports").detail()).contains("not checked");
    }

    @Test
    void aComputeHostIsSentNeitherTheDatabasePasswordNorThePortsToLookAt() throws Exception {
        Host compute = TestSpecs.localCompute(dir).hosts().get(1);
        List<io.provisioner.remote.RemoteCommand> sent = new java.util.ArrayList<>();
        try (LocalShell local = new LocalShell("cmp1")) {
            HostFacts f = new Preflight(PreflightOptions.defaults().skipping(Set.of("apt", "git", "proxy")))
                    .gather(new ForwardingShell(local) {
                        @Override
                        public io.provisioner.remote.CommandResult run(io.provisioner.remote.RemoteCommand command,
                                io.provisioner.remote.OutputListener listener) throws io.provisioner.remote.RemoteException {
                            sent.add(command);
                            return super.run(command, listener);
                        }
                    }, compute);
            assertThat(f.complete()).isTrue();
            assertThat(f.mysql()).isEmpty();
            assertThat(f.portOwners()).isEmpty();
        }
        assertThat(sent).hasSize(1);
        assertThat(new String(sent.get(0).stdin(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("secretdb1");
    }

    @Test
    void aComputeHostWithNeutronsServerHasItsPortsCheckedButStillNoDatabase() {
        Host compute = TestSpecs.load(dir, """
                version: 1
                defaults:
                  passwords: {admin: secretadmin1, database: secretdb1, rabbit: secretrabbit1, service: secretsvc1}
                  services: {enable: [q-svc, q-agt]}
                hosts:
                  - {name: ctl, address: 10.0.0.1, role: controller}
                  - {name: cmp1, address: 10.0.0.2, role: compute}
                """).hosts().get(1);
        Map<String, String> f = goodFacts();
        f.put("mysql", "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)");
        f.put("port_80", "nginx");
        List<CheckResult> results = new Preflight(PreflightOptions.defaults()).evaluate(compute, factsFrom(f));
        assertThat(check(results, "ports").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check(results, "mysql").status()).isEqualTo(CheckStatus.PASS);
        assertThat(check(results, "mysql").fixup()).isNull();
    }
}
