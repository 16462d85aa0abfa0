package io.provisioner.fixup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

import static io.provisioner.fixup.TestStackUser.sh;
import static org.assertj.core.api.Assertions.assertThat;

class StackDirOwnershipFixupIT {
    @TempDir
    Path root;

    private static String owner(Path p) throws Exception {
        return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
    }

    @Test
    void givesRootOwnedEntriesBackAndLeavesSystemAccountsAlone() throws Exception {
        try (TestStackUser user = TestStackUser.create(root.resolve("home"))) {
            Path dest = root.resolve("opt/stack");
            Path devstack = Files.createDirectories(dest.resolve("devstack"));
            Path egg = Files.createDirectories(dest.resolve("requirements/openstack_requirements.egg-info"));
            Path log = Files.createDirectories(root.resolve("opt/stack/logs"));
            Files.writeString(devstack.resolve("stack.sh"), "#!/bin/bash\n");
            Files.writeString(egg.resolve("PKG-INFO"), "x");
            Path disk = Files.createDirectories(dest.resolve("data/nova/instances")).resolve("disk");
            Files.writeString(disk, "qcow");
            Path outside = Files.writeString(root.resolve("not-devstack"), "x");
            sh("chown", "-R", user.name() + ":", dest.toString());
            sh("chown", "-R", "root:root", egg.getParent().toString(), log.toString());
            sh("chown", "daemon:daemon", disk.toString());
            FixupContext ctx = TestHosts.context(TestHosts.host(root, user.name()), new LocalTestShell(), Map.of());
            StackDirOwnershipFixup fixup = new StackDirOwnershipFixup();

            Detection d = fixup.detect(ctx);
            assertThat(d.found()).isTrue();
            assertThat(d.findings().get(0)).startsWith("4 entries");

            FixupReport first = new FixupRunner().run(fixup, ctx, false);
            FixupReport second = new FixupRunner().run(fixup, ctx, false);

            assertThat(first.verified()).as(first.detail()).isTrue();
            assertThat(owner(egg.resolve("PKG-INFO"))).isEqualTo(user.name());
            assertThat(owner(log)).isEqualTo(user.name());
            assertThat(Files.getAttribute(log, "posix:group").toString()).isEqualTo(user.name());
            assertThat(owner(disk)).isEqualTo("daemon");
            assertThat(owner(outside)).isEqualTo("root");
            assertThat(second.detected()).isFalse();
            assertThat(second.applied()).isFalse();
        }
    }
}
