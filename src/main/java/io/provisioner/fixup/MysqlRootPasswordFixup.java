package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code mysql-root-password}: DevStack logs in as root with the spec's database password over TCP and
 * gets {@code ERROR 1045}. Resets root's password through the maintenance account or socket root,
 * version-aware, keeping unix_socket where the server can have both; verified by DevStack's own login.
 * Facts: {@code mysql_port}, {@code mysql_host}, {@code mysql_socket} (for {@code sudo mysql}).
 */
public final class MysqlRootPasswordFixup implements Fixup {
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

    @Override
    public String name() {
        return "mysql-root-password";
    }

    @Override
    public String describe(FixupContext ctx) {
        return "reset MySQL root's password to the spec's database password through "
                + ctx.host().paths().mysqlMaintenanceCnf() + " or socket root (sudo mysql), then log in over TCP";
    }

    @Override
    public Detection detect(FixupContext ctx) throws RemoteException {
        MysqlAccess db = new MysqlAccess(ctx);
        CommandResult login = db.tcpLogin();
        String where = "root@" + db.host() + ":" + db.port();
        if (login.ok()) {
            return Detection.clean(where + " accepts the spec's database password");
        }
        String err = login.firstErrorLine();
        if (!err.contains("1045") && !err.contains("1698")) {
            return Detection.clean("not this fix-up's problem: " + where + " login fails with: " + err);
        }
        List<String> findings = new ArrayList<>(List.of(where + " refuses the spec's database password: " + err));
        List<String> tried = new ArrayList<>();
        var route = db.adminRoute(tried);
        if (route.isPresent()) {
            MysqlVersion version = MysqlVersion.parse(db.adminQuery(route.get(), "SELECT VERSION();"));
            findings.add("server " + version + ", administrator access through: sudo mysql " + String.join(" ",
                    route.get()));
            for (MysqlRootSql.RootAccount account : rootAccounts(db, route.get(), version)) {
                findings.add("'root'@'" + account.host() + "'" + (account.socketAuth()
                        ? " authenticates by unix socket" : " uses a password"));
            }
        } else {
            findings.add("no administrator access yet: " + String.join("; ", tried));
        }
        return Detection.found(findings);
    }

    @Override
    public void apply(FixupContext ctx, Detection found) throws RemoteException {
        MysqlAccess db = new MysqlAccess(ctx);
        List<String> tried = new ArrayList<>();
        List<String> route = db.adminRoute(tried).orElseThrow(() -> new RemoteException(RemoteFailure.IO, ctx.shell().host(),
                "no administrator access to MySQL (" + String.join("; ", tried) + "); fix "
                        + ctx.host().paths().mysqlMaintenanceCnf() + " or enable unix_socket for root"));
        MysqlVersion version = MysqlVersion.parse(db.adminQuery(route, "SELECT VERSION();"));
        List<MysqlRootSql.RootAccount> accounts = rootAccounts(db, route, version);
        if (accounts.isEmpty()) {
            throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), "the server has no root account for localhost");
        }
        db.adminQuery(route, MysqlRootSql.statements(version, accounts, ctx.host().passwords().database().reveal()));
    }

    @Override
    public Verification verify(FixupContext ctx) throws RemoteException {
        MysqlAccess db = new MysqlAccess(ctx);
        CommandResult result = db.tcpLogin();
        String where = "root@" + db.host() + ":" + db.port();
        return result.ok() ? Verification.passed(where + " logs in with the spec's password as " + result.stdout().strip())
                : Verification.failed(where + " login still fails: " + result.firstErrorLine());
    }

    /** root's local accounts (localhost, 127.0.0.1, ::1) and whether each is on socket auth. */
    private static List<MysqlRootSql.RootAccount> rootAccounts(MysqlAccess db, List<String> route, MysqlVersion version)
            throws RemoteException {
        List<MysqlRootSql.RootAccount> out = new ArrayList<>();
        for (String host : db.adminQuery(route, "SELECT Host FROM mysql.user WHERE User='root';").lines().map(String::strip).toList()) {
            if (!LOCAL_HOSTS.contains(host)) {
                continue;
            }
            String auth = version.hasShowCreateUser()
                    ? db.adminQuery(route, "SHOW CREATE USER 'root'@" + MysqlRootSql.literal(host) + ";")
                    : db.adminQuery(route, "SELECT plugin FROM mysql.user WHERE User='root' AND Host=" + MysqlRootSql.literal(host) + ";");
            String plugin = auth.toLowerCase(Locale.ROOT);
            out.add(new MysqlRootSql.RootAccount(host, plugin.contains("unix_socket") || plugin.contains("auth_socket")));
        }
        return out;
    }
}
