package io.provisioner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small local git repositories: the OpenStack mirrors the git stand-in serves, and the simulator tree. */
final class GitRepos {
    private static final Map<String, String> ENV = Map.of(
            "GIT_AUTHOR_NAME", "devstack-provisioner sandbox", "GIT_AUTHOR_EMAIL", "sandbox@localhost",
            "GIT_COMMITTER_NAME", "devstack-provisioner sandbox", "GIT_COMMITTER_EMAIL", "sandbox@localhost",
            "GIT_CONFIG_NOSYSTEM", "1", "HOME", "/nonexistent");

    private GitRepos() {
    }

    /** Commits whatever is in {@code dir} as the first commit of a new repository on branch master. */
    static void commitAll(Path dir, String message) throws IOException {
        LocalProcess.run(dir, ENV, "git", "init", "-q", "-b", "master");
        LocalProcess.run(dir, ENV, "git", "add", "-A");
        LocalProcess.run(dir, ENV, "git", "commit", "-q", "-m", message);
    }

    /** Runs a command (git, or a script of git commands) in the repository with the sandbox's git identity. */
    static void run(Path dir, String... command) throws IOException {
        LocalProcess.run(dir, ENV, command);
    }

    /** A repository with one file. */
    static void withFile(Path dir, String file, String content, String message) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), content);
        commitAll(dir, message);
    }
}
