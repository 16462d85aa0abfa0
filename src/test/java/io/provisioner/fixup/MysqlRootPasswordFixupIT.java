package io.provisioner.fixup;

import io.provisioner.lab.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MysqlRootPasswordFixupIT {
    private static final String OTHERS = "SELECT User, Host, Priv FROM mysql.global_priv WHERE User <> 'root' ORDER BY User, Host;";

    @TempDir
    Path root;

    @Test
    void resetsRootThroughTheMaintenanceAccount() throws Exception {
        try (MariaDbServer db = MariaDbServer.builder().rootPassword("0ldR00tPw").start()) {
            db.runAsRoot("CREATE USER 'debian-sys-maint'@'localhost' IDENTIFIED BY 'Ma1ntPw';"
                    + "GRANT ALL PRIVILEGES ON *.* TO 'debian-sys-maint'@'localhost' WITH GRANT OPTION;"
                    + "CREATE USER 'nova'@'%' IDENTIFIED BY 'n0vaPw';");
            Path cnf = Files.createDirectories(root.resolve("etc/mysql")).resolve("debian.cnf");
            Files.createFile(cnf, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(cnf, "# Automatically generated for Debian scripts. DO NOT TOUCH!\n[client]\nhost     = localhost\n"
                    + "user     = debian-sys-maint\npassword = Ma1ntPw\nsocket   = " + db.socket() + "\n[mysql_upgrade]\nhost     = localhost\n"
                    + "user     = debian-sys-maint\npassword = Ma1ntPw\nsocket   = " + db.socket() + "\nbasedir  = /usr\n");
            String othersBefore = db.runAsRoot(OTHERS);
            LocalTestShell shell = new LocalTestShell();
            FixupContext ctx = TestHosts.context(TestHosts.host(root, "root"), shell, Map.of("mysql_port", "" + db.port()));
            MysqlRootPasswordFixup fixup = new MysqlRootPasswordFixup();

            Detection d = fixup.detect(ctx);
            assertThat(d.found()).isTrue();
            assertThat(String.join("\n", d.findings())).contains("1045").contains("MariaDB 10.").contains("debian.cnf")
                    .contains("'root'@'localhost' uses a password");

            FixupReport first = new FixupRunner().run(fixup, ctx, false);
            FixupReport second = new FixupRunner().run(fixup, ctx, false);

            assertThat(first.verified()).as(first.detail()).isTrue();
            assertThat(db.clientTcp("127.0.0.1", "root", TestHosts.DB_PASSWORD, "SELECT 1").ok()).isTrue();
            assertThat(second.detected()).isFalse();
            assertThat(second.verified()).isTrue();
            assertThat(db.client("root", TestHosts.DB_PASSWORD, OTHERS).output()).isEqualTo(othersBefore);
            assertThat(shell.commandLines()).noneMatch(l -> l.contains(TestHosts.DB_PASSWORD) || l.contains("Ma1ntPw"));
            assertThat(Files.list(root.resolve("state"))).isEmpty();
        }
    }

    @Test
    void addsThePasswordToSocketRootAndKeepsTheSocket() throws Exception {
        try (MariaDbServer db = MariaDbServer.builder().socketAuth().start()) {
            db.runAsRoot("CREATE USER 'keystone'@'%' IDENTIFIED BY 'k3yPw';");
            String othersBefore = db.runAsRoot(OTHERS);
            LocalTestShell shell = new LocalTestShell();
            // no maintenance file: the way in is `sudo mysql` over the server's socket
            FixupContext ctx = TestHosts.context(TestHosts.host(root, "root"), shell,
                    Map.of("mysql_port", "" + db.port(), "mysql_socket", db.socket().toString()));
            MysqlRootPasswordFixup fixup = new MysqlRootPasswordFixup();

            Detection d = fixup.detect(ctx);
            assertThat(d.found()).isTrue();
            assertThat(String.join("\n", d.findings())).contains("'root'@'localhost' authenticates by unix socket");

            FixupReport first = new FixupRunner().run(fixup, ctx, false);
            FixupReport second = new FixupRunner().run(fixup, ctx, false);

            assertThat(first.verified()).as(first.detail()).isTrue();
            assertThat(second.detected()).isFalse();
            assertThat(db.client("root", null, "SELECT CURRENT_USER()").ok()).as("socket root still works").isTrue();
            assertThat(db.runAsRoot("SHOW CREATE USER 'root'@'localhost'")).contains("unix_socket").contains("mysql_native_password");
            assertThat(db.runAsRoot(OTHERS)).isEqualTo(othersBefore);
            assertThat(first.findings().toString() + first.detail()).doesNotContain(TestHosts.DB_PASSWORD);
        }
    }

    @Test
    void anUnreachableServerIsNotThisFixupsProblem() throws Exception {
        FixupContext ctx = TestHosts.context(TestHosts.host(root, "root"), new LocalTestShell(),
                Map.of("mysql_port", "" + io.provisioner.lab.FreePort.any()));
        Detection d = new MysqlRootPasswordFixup().detect(ctx);
        assertThat(d.found()).isFalse();
        assertThat(d.findings()).singleElement().asString().contains("not this fix-up's problem");
    }
}
