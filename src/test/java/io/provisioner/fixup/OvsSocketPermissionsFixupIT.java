package io.provisioner.fixup;

import io.provisioner.lab.OvsdbServer;
import io.provisioner.remote.RemoteCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static io.provisioner.fixup.TestStackUser.sh;
import static org.assertj.core.api.Assertions.assertThat;

class OvsSocketPermissionsFixupIT {
    private static final String GROUP = "dspovs";

    @TempDir
    Path root;
    private Path systemd;
    private Path tmpfiles;
    private TestStackUser user;
    private OvsdbServer ovs;
    private final OvsSocketPermissionsFixup fixup = new OvsSocketPermissionsFixup();

    @BeforeEach
    void stackUserAndOvsdbServer() throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        systemd = Files.createDirectories(root.resolve("etc/systemd/system"));
        tmpfiles = Files.createDirectories(root.resolve("etc/tmpfiles.d"));
        user = TestStackUser.create(root.resolve("home"));
        ovs = OvsdbServer.start(root);
    }

    @AfterEach
    void stopAndRemoveTheGroup() throws Exception {
        if (user != null) {
            sh("gpasswd", "-d", user.name(), GROUP);
        }
        sh("groupdel", GROUP);
        if (ovs != null) {
            ovs.close();
        }
        if (user != null) {
            user.close();
        }
    }

    /** The host whose ovsdb-server is {@link #ovs} and whose unit and tmpfiles directories are under the test's root. */
    private FixupContext context(LocalTestShell shell) {
        var paths = TestHosts.paths(root);
        var host = TestHosts.host(new io.provisioner.spec.TargetPaths(paths.mysqlMaintenanceCnf(), ovs.socket().toString(),
                paths.logDir(), paths.stateDir(), paths.aptDir(), systemd.toString(), tmpfiles.toString()),
                root.resolve("opt/stack/devstack").toString(), user.name());
        return TestHosts.context(host, shell, Map.of("ovs_group", GROUP));
    }

    @Test
    void grantsGroupAccessThatSurvivesARestartAndIsNeverWorldWritable() throws Exception {
        FixupContext ctx = context(new LocalTestShell());

        Detection d = fixup.detect(ctx);
        assertThat(d.found()).as(d.findings().toString()).isTrue();
        assertThat(d.findings().get(0)).contains("Permission denied");

        FixupReport first = new FixupRunner().run(fixup, ctx, false);
        assertThat(first.verified()).as(first.detail()).isTrue();
        assertThat(Files.readString(systemd.resolve(OvsSocketPermissionsFixup.DROPIN_NAME))).contains("UMask=0002");
        assertThat(Files.readString(tmpfiles.resolve(OvsSocketPermissionsFixup.TMPFILES_NAME)))
                .contains("d " + ovs.runDir() + " 2750 root " + GROUP);
        long dropinTime = Files.getLastModifiedTime(systemd.resolve(OvsSocketPermissionsFixup.DROPIN_NAME)).toMillis();

        ovs.restart("0002"); // what the service manager does with the drop-in's UMask
        FixupReport second = new FixupRunner().run(fixup, ctx, false);

        assertThat(second.detected()).as("still works after a restart").isFalse();
        assertThat(second.verified()).isTrue();
        assertThat(Files.getLastModifiedTime(systemd.resolve(OvsSocketPermissionsFixup.DROPIN_NAME)).toMillis()).isEqualTo(dropinTime);
        for (Path p : new Path[]{ovs.socket(), ovs.runDir()}) {
            assertThat(Files.getPosixFilePermissions(p)).doesNotContain(PosixFilePermission.OTHERS_WRITE);
            assertThat(Files.getAttribute(p, "posix:group").toString()).isEqualTo(GROUP);
        }
        assertThat(Files.list(systemd.getParent()).filter(p -> p.toString().contains("provisioner-bak"))).isEmpty();
    }

    @Test
    void findsThePermissionErrorBehindSudosWarningOnAHostWhoseOwnNameDoesNotResolve() throws Exception {
        LocalTestShell shell = LocalTestShell.named("cloud-vm-without-hosts-entry");
        assertThat(shell.run(RemoteCommand.of("sudo", "-n", "-u", user.name(), "--", "true")).stderr())
                .as("sudo warns on this host").contains("unable to resolve host cloud-vm-without-hosts-entry");
        FixupContext ctx = context(shell);

        Detection d = fixup.detect(ctx);
        assertThat(d.found()).as(d.findings().toString()).isTrue();
        assertThat(d.findings().get(0)).contains("Permission denied").doesNotContain("unable to resolve host");

        FixupReport report = new FixupRunner().run(fixup, ctx, false);
        assertThat(report.verified()).as(report.detail()).isTrue();
    }
}
