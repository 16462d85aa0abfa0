package io.provisioner.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The DevStack repository a sandbox host clones has the refs a spec names, each with its era's tree. */
class SimulatorRepoTest {
    @TempDir
    Path git;

    private static String git(Path repo, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        return LocalProcess.run(repo, Map.of("GIT_CONFIG_NOSYSTEM", "1", "HOME", "/nonexistent"),
                command.toArray(String[]::new)).strip();
    }

    @Test
    void everyStableBranchOfBothErasAndTheirTagsAreThereWithTheirErasTree() throws Exception {
        String url = SimulatorRepo.build(git, "current", false);
        Path repo = Path.of(java.net.URI.create(url));
        String heads = git(repo, "for-each-ref", "--format=%(refname)");
        assertThat(heads).contains("refs/heads/master", "refs/heads/stable/2024.1", "refs/heads/stable/2025.2",
                "refs/heads/stable/mitaka", "refs/heads/stable/liberty", "refs/heads/stable/newton", "refs/heads/stable/ocata",
                "refs/tags/2023.1-eom", "refs/tags/juno-eol");
        assertThat(git(repo, "show", "master:sim-era")).isEqualTo("current");
        assertThat(git(repo, "show", "stable/2024.1:sim-era")).isEqualTo("current");
        assertThat(git(repo, "show", "stable/mitaka:sim-era")).isEqualTo("2016");
        assertThat(git(repo, "show", "stable/newton:sim-era")).isEqualTo("2016");
        assertThat(git(repo, "show", "juno-eol:sim-era")).isEqualTo("2016");
        // the working tree a clone gets is master's
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
    }

    @Test
    void eachTreesStackShNamesOnlyItsErasDistributions() throws Exception {
        String url = SimulatorRepo.build(git, "2016", false);
        Path repo = Path.of(java.net.URI.create(url));
        String master = git(repo, "show", "master:stack.sh");
        assertThat(master).containsOnlyOnce("SUPPORTED_DISTROS=").contains("trusty").doesNotContain("bookworm|");
        String current = git(repo, "show", "stable/2024.1:stack.sh");
        assertThat(current).containsOnlyOnce("SUPPORTED_DISTROS=").contains("bookworm").doesNotContain("trusty|");
    }
}
