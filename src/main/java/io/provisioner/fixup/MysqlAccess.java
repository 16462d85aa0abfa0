package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The two ways into a MySQL/MariaDB server a fix-up uses. As administrator: the Debian maintenance
 * account ({@code paths.mysql_maintenance_cnf}, read by root) or socket-authenticated root
 * ({@code sudo mysql}). As DevStack: root with the spec's password over TCP to 127.0.0.1, through a
 * 0600 option file under {@code paths.state_dir} that is deleted afterwards. SQL goes on stdin.
 */
final class MysqlAccess {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** The client: {@code mysql}, or {@code mariadb} where the compatibility name is not installed. */
    private static final List<String> CLIENT = List.of("bash", "-c",
            "c=$(command -v mysql || command -v mariadb) || { echo 'no mysql client installed' >&2; exit 127; }; exec \"$c\" \"$@\"",
            "mysql");
    private final FixupContext ctx;

    MysqlAccess(FixupContext ctx) {
        this.ctx = ctx;
    }

    String host() {
        return ctx.fact("mysql_host").orElse("127.0.0.1");
    }

    String port() {
        return ctx.fact("mysql_port").orElse("3306");
    }

    /** Result of DevStack's own login: {@code mysql -uroot -p$DATABASE_PASSWORD -h127.0.0.1}. */
    CommandResult tcpLogin() throws RemoteException {
        String dir = ctx.host().paths().stateDir();
        CommandResult mk = ctx.run(RemoteCommand.script("umask 077; mkdir -p -- \"$1\"", dir));
        if (!mk.ok()) {
            throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), "cannot create " + dir + ": " + mk.firstErrorLine());
        }
        String file = dir + "/mysql-root-" + UUID.randomUUID() + ".cnf";
        String body = "[client]\nuser=root\npassword=\"" + optionValue(ctx.host().passwords().database().reveal()) + "\"\n"
                + "host=" + host() + "\nport=" + port() + "\nprotocol=TCP\n";
        ctx.shell().upload(file, body.getBytes(StandardCharsets.UTF_8), 0600);
        try {
            List<String> argv = new ArrayList<>(CLIENT);
            argv.addAll(List.of("--defaults-file=" + file, "--batch", "--skip-column-names", "--connect-timeout=10",
                    "-e", "SELECT CURRENT_USER()"));
            return ctx.run(new RemoteCommand(argv, null, TIMEOUT, false));
        } finally {
            ctx.run(RemoteCommand.of("rm", "-f", "--", file));
        }
    }

    /** The first administrator route that answers {@code SELECT 1}: the client options to reuse. */
    Optional<List<String>> adminRoute(List<String> tried) throws RemoteException {
        List<List<String>> routes = new ArrayList<>();
        String cnf = ctx.host().paths().mysqlMaintenanceCnf();
        if (ctx.run(RemoteCommand.of("test", "-f", cnf).asRoot()).ok()) {
            routes.add(List.of("--defaults-file=" + cnf));
        }
        List<String> socketRoot = new ArrayList<>(List.of("-uroot"));
        ctx.fact("mysql_socket").ifPresent(socket -> socketRoot.add("--socket=" + socket));
        routes.add(socketRoot);
        for (List<String> route : routes) {
            CommandResult result = admin(route, "SELECT 1;");
            if (result.ok()) {
                return Optional.of(route);
            }
            tried.add("mysql " + String.join(" ", route) + ": " + result.firstErrorLine());
        }
        return Optional.empty();
    }

    CommandResult admin(List<String> route, String sql) throws RemoteException {
        List<String> argv = new ArrayList<>(CLIENT);
        argv.addAll(route);
        argv.addAll(List.of("--batch", "--skip-column-names", "--connect-timeout=10"));
        return ctx.run(new RemoteCommand(argv, sql.getBytes(StandardCharsets.UTF_8), TIMEOUT, true));
    }

    String adminQuery(List<String> route, String sql) throws RemoteException {
        CommandResult result = admin(route, sql);
        if (!result.ok()) {
            throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), ctx.masker().mask("mysql failed: "
                    + result.firstErrorLine()));
        }
        return result.stdout();
    }

    private static String optionValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
