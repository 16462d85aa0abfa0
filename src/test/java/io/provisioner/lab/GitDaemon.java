package io.provisioner.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code git daemon} serving bare repositories under a base path over git:// on 127.0.0.1, the protocol a
 * 2016 DevStack used by default. {@link #createRepo} makes {@code BASE/NAME.git} with one commit.
 */
public final class GitDaemon implements LabComponent {
    private final Path base;
    private final int port;
    private final ManagedProcess process;
    private boolean ownsBase;

    private GitDaemon(Path base, int port, ManagedProcess process) {
        this.base = base;
        this.port = port;
        this.process = process;
    }

    /**
     * A daemon for the whole test class over a fresh base directory holding {@code repositories}
     * ({@code openstack/nova}, ...); the directory is removed after.
     */
    public static ClassLab<GitDaemon> perClass(String... repositories) {
        return ClassLab.of(GitDaemon::require, () -> {
            Path base = LoopbackDaemon.directory("git").resolve("repos");
            for (String repository : repositories) {
                createRepo(base, repository);
            }
            GitDaemon daemon = start(base);
            daemon.ownsBase = true;
            return daemon;
        });
    }

    public static void require() {
        Requirements.requireExecutable("/usr/bin/git");
    }

    public static GitDaemon start(Path base) throws Exception {
        require();
        Files.createDirectories(base);
        int port = FreePort.any();
        // the repositories may belong to the test's stack user: git refuses "dubious ownership" otherwise
        ManagedProcess p = ManagedProcess.start("git-daemon", base.resolveSibling("git-daemon.log"), List.of("git", "-c",
                "safe.directory=*", "daemon", "--base-path=" + base, "--export-all", "--reuseaddr", "--listen=127.0.0.1",
                "--port=" + port, base.toString()));
        p.awaitPort("127.0.0.1", port, Duration.ofSeconds(20));
        return new GitDaemon(base, port, p);
    }

    /** {@code git://127.0.0.1:PORT} */
    public String url() {
        return "git://127.0.0.1:" + port;
    }

    public Path base() {
        return base;
    }

    public static Path createRepo(Path base, String name) throws Exception {
        Path work = Files.createTempDirectory("gitwork");
        Path bare = base.resolve(name + ".git");
        Files.createDirectories(bare.getParent());
        exec(work, "git", "init", "-q", "-b", "master", ".");
        Files.writeString(work.resolve("README"), name + "\n");
        exec(work, "git", "add", "README");
        exec(work, "git", "-c", "user.name=lab", "-c", "user.email=lab@localhost", "commit", "-q", "-m", "init");
        exec(work, "git", "clone", "-q", "--bare", work.toString(), bare.toString());
        exec(work, "rm", "-rf", work.toString());
        return bare;
    }

    public static void exec(Path dir, String... argv) {
        LabCommand.runIn(dir, argv);
    }

    @Override
    public void close() {
        process.close();
        if (ownsBase) {
            MariaDbServer.deleteTree(base.getParent());
        }
    }
}
