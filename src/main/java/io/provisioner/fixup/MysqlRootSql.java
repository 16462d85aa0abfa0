package io.provisioner.fixup;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that makes root accept a password, by server version (the statements DevStack itself used
 * over the years, see reference/devstack-internals.md §5). It travels on the client's stdin, never argv.
 */
final class MysqlRootSql {
    /** One root account and whether it authenticates by the OS user (unix_socket / auth_socket). */
    record RootAccount(String host, boolean socketAuth) {
    }

    private MysqlRootSql() {
    }

    static String statements(MysqlVersion version, List<RootAccount> accounts, String password) {
        String pw = literal(password);
        List<String> sql = new ArrayList<>();
        for (RootAccount account : accounts) {
            String user = "'root'@" + literal(account.host());
            if (version.mariadb() && version.atLeast(10, 4)) {
                // global_priv behind a view: ALTER USER; keep socket auth for `sudo mysql` and add the password.
                sql.add(account.socketAuth()
                        ? "ALTER USER " + user + " IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD(" + pw + ");"
                        : "ALTER USER " + user + " IDENTIFIED VIA mysql_native_password USING PASSWORD(" + pw + ");");
            } else if (version.mariadb() && version.atLeast(10, 2)) {
                // no "OR" before 10.4: root leaves unix_socket, as DevStack's 2019 fix did.
                sql.add("ALTER USER " + user + " IDENTIFIED VIA mysql_native_password USING PASSWORD(" + pw + ");");
            } else if (!version.mariadb() && version.atLeast(8, 4)) {
                sql.add("ALTER USER " + user + " IDENTIFIED WITH caching_sha2_password BY " + pw + ";");
            } else if (!version.mariadb() && version.atLeast(5, 7)) {
                sql.add("ALTER USER " + user + " IDENTIFIED WITH mysql_native_password BY " + pw + ";");
            } else {
                // MySQL 5.5/5.6, MariaDB 10.0/10.1: a real table.
                sql.add("UPDATE mysql.user SET Password=PASSWORD(" + pw + ")" + (account.socketAuth() ? ", plugin=''" : "")
                        + " WHERE User='root' AND Host=" + literal(account.host()) + ";");
            }
        }
        sql.add("FLUSH PRIVILEGES;");
        return String.join("\n", sql) + "\n";
    }

    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
