package io.provisioner.fixup;

import io.provisioner.lab.Requirements;
import io.provisioner.lab.ScreenSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static io.provisioner.fixup.TestStackUser.sh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DevStack's unstack.sh cannot run here (it needs a stacked host), so the tree holds a stand-in that
 * behaves like it in the ways this fix-up relies on: refuses root, records its arguments.
 */
class UnstackFixupIT {
    @TempDir
    Path root;

    @Test
    void runsUnstackAsTheStackUserWithAllWhenAsked() throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestStackUser user = TestStackUser.create(root.resolve("home"))) {
            Path devstack = Files.createDirectories(root.resolve("opt/stack/devstack"));
            Path unstack = devstack.resolve("unstack.sh");
            Files.writeString(unstack, "#!/bin/bash\nif [[ $EUID -eq 0 ]]; then echo 'You are running this script as root.' >&2; exit 1; fi\n"
                    + "echo \"$(id -un) $PWD $*\" >> \"$(dirname \"$0\")/unstack.calls\"\n");
            Files.setPosixFilePermissions(unstack, PosixFilePermissions.fromString("rwxr-xr-x"));
            sh("chown", "-R", user.name() + ":", root.resolve("opt").toString());
            UnstackFixup fixup = new UnstackFixup();
            FixupContext rerun = TestHosts.context(TestHosts.host(root, user.name()), new LocalTestShell(),
                    Map.of("rerun", "true", "unstack_all", "true"));
            FixupContext plain = TestHosts.context(TestHosts.host(root, user.name()), new LocalTestShell(), Map.of());

            assertThat(fixup.detect(plain).found()).isFalse();
            FixupReport report = new FixupRunner().run(fixup, rerun, false);

            assertThat(report.applied()).isTrue();
            assertThat(report.verified()).as(report.detail()).isTrue();
            assertThat(Files.readString(devstack.resolve("unstack.calls"))).isEqualTo(user.name() + " " + devstack + " -a\n");
            assertThat(new FixupRunner().run(fixup, plain, false).applied()).isFalse();
        }
    }

    @Test
    void quitsTheLeftover2016ScreenSession() throws Exception {
        Requirements.requireExecutable("/usr/bin/screen");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestStackUser user = TestStackUser.create(root.resolve("home"))) {
            Files.createDirectories(root.resolve("opt/stack/devstack")); // a tree whose unstack.sh is gone
            sh("chown", "-R", user.name() + ":", root.resolve("opt").toString());
            try (ScreenSession ignored = ScreenSession.start(user.name(), "stack", "sleep", "600")) {
                UnstackFixup fixup = new UnstackFixup();
                FixupContext ctx = TestHosts.context(TestHosts.host(root, user.name()), new LocalTestShell(), Map.of());

                Detection d = fixup.detect(ctx);
                FixupReport first = new FixupRunner().run(fixup, ctx, false);
                FixupReport second = new FixupRunner().run(fixup, ctx, false);

                assertThat(d.found()).isTrue();
                assertThat(d.findings()).singleElement().asString().matches("running: screen [0-9]+\\.stack");
                assertThat(first.verified()).as(first.detail()).isTrue();
                assertThat(TestStackUser.out("runuser", "-u", user.name(), "--", "screen", "-ls")).contains("No Sockets found");
                assertThat(second.detected()).isFalse();
            }
        }
    }
}
