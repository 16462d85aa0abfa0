package io.provisioner.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator tree as the DevStack git repository a sandbox host clones: {@code master} is the lab's era,
 * and every {@code stable/*} branch of both eras the simulator imitates is there with its era's tree, plus
 * the end-of-life tags, so a spec's {@code devstack.ref} resolves as it would against opendev.org.
 */
final class SimulatorRepo {
    /** Branches (and tags) whose tree is the current era's. */
    static final List<String> CURRENT_BRANCHES = List.of("stable/2023.2", "stable/2024.1", "stable/2024.2",
            "stable/2025.1", "stable/2025.2", "stable/2026.1");
    static final List<String> CURRENT_TAGS = List.of("zed-eom", "2023.1-eom");
    /** Branches (and tags) whose tree is the 2016 era's (the screen-era releases through Ocata;
     * master then was the Newton cycle). */
    static final List<String> LEGACY_BRANCHES = List.of("stable/kilo", "stable/liberty", "stable/mitaka",
            "stable/newton", "stable/ocata");
    static final List<String> LEGACY_TAGS = List.of("icehouse-eol", "juno-eol");

    private static final Pattern ERA_DISTROS = Pattern.compile(
            "if \\[\\[ \"\\$SIM_ERA\" == \"2016\" \\]\\]; then\\n\\s*(SUPPORTED_DISTROS=\"[^\"]*\")\\n"
                    + "else\\n\\s*(SUPPORTED_DISTROS=\"[^\"]*\")\\nfi\\n");

    private SimulatorRepo() {
    }

    /** Builds the repository under {@code sharedGit} and returns its file:// URL. */
    static String build(Path sharedGit, String era, boolean gitProtocol) throws IOException {
        Path repo = sharedGit.resolve("devstack-" + era + (gitProtocol ? "-git" : "") + ".git");
        SimulatorFiles.extract("devstack/", repo, tree(era, gitProtocol));
        GitRepos.commitAll(repo, "Merge \"devstack-provisioner simulator (" + era + ")\"");
        String other = "2016".equals(era) ? "current" : "2016";
        Path otherTree = sharedGit.resolve("devstack-" + other + "-tree.tmp");
        SimulatorFiles.extract("devstack/", otherTree, tree(other, gitProtocol));
        List<String> script = new ArrayList<>(List.of("bash", "-c", REFS, "refs", otherTree.toString(),
                "Merge \"devstack-provisioner simulator (" + other + ")\""));
        script.add(String.join(" ", branches(era)));
        script.add(String.join(" ", tags(era)));
        script.add(String.join(" ", branches(other)));
        script.add(String.join(" ", tags(other)));
        GitRepos.run(repo, script.toArray(String[]::new));
        SandboxLab.deleteTree(otherTree);
        return repo.toUri().toString();
    }

    /** Creates the branches and tags: the lab era's on master, the other era's on one commit of its tree. */
    private static final String REFS = """
            set -e
            other=$1 message=$2
            for b in $3; do git branch -q "$b" master; done
            for t in $4; do git tag "$t" master; done
            export GIT_INDEX_FILE="$PWD/.git/other-index"
            git --work-tree="$other" add -A
            tree=$(git write-tree)
            commit=$(git commit-tree "$tree" -p master -m "$message")
            rm -f "$GIT_INDEX_FILE"
            for b in $5; do git branch -q "$b" "$commit"; done
            for t in $6; do git tag "$t" "$commit"; done
            """;

    static List<String> branches(String era) {
        return "2016".equals(era) ? LEGACY_BRANCHES : CURRENT_BRANCHES;
    }

    static List<String> tags(String era) {
        return "2016".equals(era) ? LEGACY_TAGS : CURRENT_TAGS;
    }

    /** One era's tree: sim-era names it and stack.sh carries only that era's distro list, as a real tree does. */
    static SimulatorFiles.Editor tree(String era, boolean gitProtocol) {
        return (path, content) -> {
            if (path.equals("sim-era")) {
                return era + "\n";
            }
            if (path.equals("stack.sh")) {
                Matcher distros = ERA_DISTROS.matcher(content);
                if (distros.find()) {
                    String line = "2016".equals(era) ? distros.group(1) : distros.group(2);
                    return content.substring(0, distros.start()) + line + "\n" + content.substring(distros.end());
                }
                return content;
            }
            if (gitProtocol && path.equals("stackrc")) {
                // the tree of the article: GIT_BASE defaults to the git protocol
                return content.replace("GIT_BASE=${GIT_BASE:-https://opendev.org}",
                        "GIT_BASE=${GIT_BASE:-git://git.openstack.org}");
            }
            return content;
        };
    }
}
