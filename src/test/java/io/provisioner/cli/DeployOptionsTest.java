package io.provisioner.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy refuses what its options alone show to be wrong, before it touches a host: the spec's hosts here are
 * lab addresses that do not exist, so a deploy that started would say "unreachable" (exit 3), not exit 2.
 */
class DeployOptionsTest {
    @TempDir
    Path dir;

    private static InProcessRun deploy(String... args) {
        List<String> all = new ArrayList<>(List.of("deploy"));
        all.addAll(List.of(args));
        return InProcessRun.of(all.toArray(String[]::new));
    }

    private void assertRefused(InProcessRun r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: " + message + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("state")).doesNotExist();
    }

    private String[] withSpec(String... more) {
        List<String> args = new ArrayList<>(List.of("-f", "config/two-node-lab.yaml", "--state-dir",
                dir.resolve("state").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void sandboxOptionsWithoutSandboxAreRefused() {
        assertRefused(deploy(withSpec("--faults", "none")),
                "--faults needs --sandbox; without it the deploy goes to the spec's real hosts");
        assertRefused(deploy(withSpec("--sandbox-hosts", "2")),
                "--sandbox-hosts needs --sandbox; without it the deploy goes to the spec's real hosts");
        assertRefused(deploy(withSpec("--era", "2016")),
                "--era needs --sandbox; without it the deploy goes to the spec's real hosts");
        assertRefused(deploy(withSpec("--keep")),
                "--keep needs --sandbox; without it the deploy goes to the spec's real hosts");
    }

    @Test
    void parallelZeroIsRefused() {
        assertRefused(deploy(withSpec("--parallel", "0")), "--parallel 0: must be 1 or more");
    }

    @Test
    void aReportDirThatIsAFileIsRefusedBeforeTheDeployStarts() {
        assertRefused(deploy(withSpec("--report-dir", "/etc/hostname")),
                "--report-dir /etc/hostname: is a file, not a directory; give a directory");
    }

    @Test
    void anUnknownPreflightCheckIsRefusedBeforeTheDeployStarts() {
        InProcessRun r = deploy(withSpec("--skip-check", "cpuu"));
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: --skip-check cpuu: no such check");
    }

    @Test
    void theOldSandboxHostsNameSaysWhatItIsCalledNow() {
        assertRefused(deploy("--sandbox", "--hosts", "2"),
                "--hosts is now --sandbox-hosts (how many simulated hosts); --host picks hosts by name");
    }
}
