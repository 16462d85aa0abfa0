package io.provisioner.lab;

import io.provisioner.remote.LocalCommand;
import io.provisioner.remote.LocalResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * A private apt world: a local {@code file:} repository with one tiny package (built with dpkg-deb and
 * dpkg-scanpackages, Release written here) and an apt root ({@code etc/apt} with its own {@code apt.conf}
 * pointing Dir::State, Dir::Cache and Dir::Etc at private directories), so {@code apt-get update} never
 * touches the machine's apt state.
 */
public final class AptRepo {
    private final Path root;
    private final List<String> packages;

    private AptRepo(Path root, List<String> packages) {
        this.root = root;
        this.packages = packages;
    }

    public static AptRepo create(Path root) throws Exception {
        return create(root, List.of());
    }

    /**
     * As {@link #create(Path)}, and the repository also holds an empty package (version 1.0, no dependencies)
     * under each of {@code packageNames}, so a simulated {@code apt-get install} of those names resolves.
     */
    public static AptRepo create(Path root, List<String> packageNames) throws Exception {
        Requirements.requireRoot("apt-get update");
        Requirements.requireExecutable("/usr/bin/apt-get");
        Requirements.requireExecutable("/usr/bin/dpkg-scanpackages");
        List<String> all = new java.util.ArrayList<>(List.of("dsp-hello"));
        packageNames.stream().filter(n -> !all.contains(n)).forEach(all::add);
        AptRepo r = new AptRepo(root, List.copyOf(all));
        r.buildRepository();
        r.buildAptRoot();
        return r;
    }

    /** The apt configuration root to give the provisioner as {@code paths.apt_dir}. */
    public Path aptDir() {
        return root.resolve("etc/apt");
    }

    /** The repository's URI, e.g. {@code file:/tmp/x/repo}. */
    public String uri() {
        return "file:" + root.resolve("repo");
    }

    private void buildRepository() throws Exception {
        Path repo = root.resolve("repo");
        Files.createDirectories(repo.resolve("pool"));
        for (String name : packages) {
            Path pkg = root.resolve("build/" + name);
            Files.createDirectories(pkg.resolve("DEBIAN"));
            Files.writeString(pkg.resolve("DEBIAN/control"), "Package: " + name + "\nVersion: 1.0\nArchitecture: all\n"
                    + "Maintainer: lab <lab@localhost>\nDescription: provisioner test package\n");
            exec(root, "dpkg-deb", "--root-owner-group", "-b", pkg.toString(),
                    repo.resolve("pool/" + name + "_1.0_all.deb").toString());
        }
        String packages = exec(repo, "dpkg-scanpackages", "-m", "pool", "/dev/null");
        String arch = exec(root, "dpkg", "--print-architecture").strip();
        StringBuilder sha = new StringBuilder();
        for (String a : List.of(arch, "all")) {
            String rel = "main/binary-" + a + "/Packages";
            Path f = repo.resolve("dists/stable/" + rel);
            Files.createDirectories(f.getParent());
            Files.writeString(f, packages);
            byte[] b = packages.getBytes(StandardCharsets.UTF_8);
            sha.append(' ').append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)))
                    .append(' ').append(b.length).append(' ').append(rel).append('\n');
        }
        Files.writeString(repo.resolve("dists/stable/Release"), "Origin: lab\nLabel: lab\nSuite: stable\nCodename: stable\n"
                + "Architectures: " + arch + " all\nComponents: main\nDate: Thu, 01 Jan 2026 00:00:00 UTC\nSHA256:\n" + sha);
    }

    private void buildAptRoot() throws Exception {
        for (String d : List.of("etc/apt/sources.list.d", "etc/apt/apt.conf.d", "etc/apt/preferences.d", "etc/apt/trusted.gpg.d",
                "var/lib/apt/lists/partial", "var/cache/apt/archives/partial")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(aptDir().resolve("apt.conf"), "Dir::State \"" + root.resolve("var/lib/apt") + "\";\n"
                + "Dir::Cache \"" + root.resolve("var/cache/apt") + "\";\n"
                + "Dir::Etc \"" + aptDir() + "\";\n"
                + "APT::Sandbox::User \"root\";\nAcquire::Retries \"0\";\nAcquire::http::Timeout \"5\";\n"
                + "Acquire::Languages \"none\";\n");
    }

    /** stdout only: the callers parse it (stderr carries progress). */
    private static String exec(Path dir, String... argv) {
        LocalResult r = LabCommand.execute(LocalCommand.of(argv).in(dir));
        if (!r.ok()) {
            throw new IllegalStateException(r.describe());
        }
        return r.stdout();
    }
}
