package io.provisioner.fixup;

import io.provisioner.lab.GitDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static io.provisioner.fixup.TestStackUser.sh;
import static org.assertj.core.api.Assertions.assertThat;

class GitHttpsFixupIT {
    private static final String OLD_STACKRC = "# stackrc of a 2016 tree\nGIT_BASE=${GIT_BASE:-git://git.openstack.org}\nREQUIREMENTS_REPO=${REQUIREMENTS_REPO:-${GIT_BASE}/openstack/requirements.git}\n";

    @TempDir
    Path root;

    @Test
    void movesGitBaseToHttpsAndRewritesExistingGitClones() throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestStackUser user = TestStackUser.create(root.resolve("home"))) {
            Path base = root.resolve("git");
            GitDaemon.createRepo(base, "openstack/requirements");
            Path dest = Files.createDirectories(root.resolve("opt/stack"));
            Path devstack = Files.createDirectories(dest.resolve("devstack"));
            Files.writeString(devstack.resolve("stackrc"), OLD_STACKRC);
            Files.writeString(devstack.resolve("local.conf"), "[[local|localrc]]\nADMIN_PASSWORD=Adm1nSecret\nGIT_BASE=git://git.openstack.org\n\n"
                    + "[[post-config|$NOVA_CONF]]\n[DEFAULT]\nforce_config_drive=True\n");
            sh("chown", "-R", user.name() + ":", base.toString(), dest.toString());
            try (GitDaemon daemon = GitDaemon.start(base)) {
                assertThat(sh("runuser", "-u", user.name(), "--", "git", "clone", "-q", daemon.url() + "/openstack/requirements.git",
                        dest.resolve("requirements").toString())).isZero();
            } // git:// is now "blocked": nothing listens any more
            String httpsBase = "file://" + base; // stands in for https://opendev.org, which this lab cannot reach
            // run from a directory the stack user may not reach, as a checkout under root's 0700 home is when the
            // provisioner runs on the host itself: git refuses to start in a working directory it cannot stat
            Path rootsHome = Files.createDirectories(root.resolve("root-home"));
            Path checkout = Files.createDirectories(rootsHome.resolve("provisioner"));
            Files.setPosixFilePermissions(rootsHome, PosixFilePermissions.fromString("rwx------"));
            FixupContext ctx = TestHosts.context(TestHosts.host(root, user.name()), new LocalTestShell().from(checkout),
                    Map.of("git_base", httpsBase));
            GitHttpsFixup fixup = new GitHttpsFixup();

            Detection d = fixup.detect(ctx);
            assertThat(d.found()).isTrue();
            assertThat(String.join("\n", d.findings())).contains("local.conf sets GIT_BASE=git://git.openstack.org")
                    .contains(dest.resolve("requirements") + " is cloned from git://127.0.0.1:");

            FixupReport first = new FixupRunner().run(fixup, ctx, false);
            FixupReport second = new FixupRunner().run(fixup, ctx, false);

            assertThat(first.verified()).as(first.detail()).isTrue();
            assertThat(first.detail()).contains(httpsBase + "/openstack/requirements.git");
            assertThat(second.detected()).isFalse();
            assertThat(Files.readString(devstack.resolve("local.conf"))).contains("GIT_BASE=" + httpsBase + "\n")
                    .contains("[[post-config|$NOVA_CONF]]\n[DEFAULT]\nforce_config_drive=True\n").doesNotContain("git://");
            assertThat(Files.readString(devstack.resolve("stackrc"))).startsWith(OLD_STACKRC)
                    .contains("export GIT_BASE=" + httpsBase);
            assertThat(Files.readString(user.home().resolve(".gitconfig"))).contains("insteadOf = git://127.0.0.1:")
                    .contains("insteadOf = git://git.openstack.org/");
            String gitconfig = Files.readString(user.home().resolve(".gitconfig"));
            fixup.apply(ctx, d); // a second apply changes nothing
            assertThat(Files.readString(user.home().resolve(".gitconfig"))).isEqualTo(gitconfig);
            try (var s = Files.list(devstack)) {
                assertThat(s.filter(p -> p.getFileName().toString().contains(".provisioner-bak.")).count()).isEqualTo(2);
            }
        }
    }

    @Test
    void choosesTheHttpsHostByTheTreesEra() {
        assertThat(StackrcFile.httpsBaseFor(OLD_STACKRC)).isEqualTo("https://git.openstack.org");
        assertThat(StackrcFile.httpsBaseFor("GIT_BASE=${GIT_BASE:-https://opendev.org}\n")).isEqualTo("https://opendev.org");
    }
}
