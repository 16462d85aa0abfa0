package io.provisioner.fixup;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MysqlRootSqlTest {
    private static final List<MysqlRootSql.RootAccount> LOCAL = List.of(new MysqlRootSql.RootAccount("localhost", false));
    private static final List<MysqlRootSql.RootAccount> SOCKET = List.of(new MysqlRootSql.RootAccount("localhost", true));

    @Test
    void mysql55UpdatesTheUserTable() {
        assertThat(MysqlRootSql.statements(MysqlVersion.parse("5.5.62-0ubuntu0.14.04.1"), LOCAL, "pw"))
                .contains("UPDATE mysql.user SET Password=PASSWORD('pw') WHERE User='root' AND Host='localhost';")
                .contains("FLUSH PRIVILEGES;");
    }

    @Test
    void mysql8UsesAlterUserWithNativePassword() {
        assertThat(MysqlRootSql.statements(MysqlVersion.parse("8.0.36-0ubuntu0.22.04.1"), SOCKET, "pw"))
                .startsWith("ALTER USER 'root'@'localhost' IDENTIFIED WITH mysql_native_password BY 'pw';");
    }

    @Test
    void mariadb104KeepsUnixSocketAndAddsThePassword() {
        assertThat(MysqlRootSql.statements(MysqlVersion.parse("10.11.6-MariaDB-0+deb12u1"), SOCKET, "pw"))
                .startsWith("ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('pw');");
    }

    @Test
    void mariadb101LeavesSocketAuthInTheTable() {
        assertThat(MysqlRootSql.statements(MysqlVersion.parse("10.1.48-MariaDB-0ubuntu0.18.04.1"), SOCKET, "pw"))
                .contains("SET Password=PASSWORD('pw'), plugin='' WHERE");
    }

    @Test
    void quotesTheLiteral() {
        assertThat(MysqlRootSql.literal("a'b\\c")).isEqualTo("'a\\'b\\\\c'");
    }
}
