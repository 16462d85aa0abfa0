package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ovs-socket-permissions}: {@code ovs-vsctl} as the stack user gets "Permission denied" on
 * {@code paths.ovs_db_sock}. What apply changes (never anything world-writable):
 * <ol>
 * <li>a group ({@code ovs_group} fact, default {@code openvswitch}; created if missing) with the stack user in it;</li>
 * <li>the socket's directory: that group, {@code g+rx} and setgid, so every socket ovsdb-server creates there
 *     on a restart belongs to the group;</li>
 * <li>the live socket: that group, {@code g+rw};</li>
 * <li>a systemd drop-in {@code ovsdb-server.service.d/devstack-provisioner.conf} with {@code UMask=0002}, because
 *     ovsdb-server creates its sockets {@code 0770 & ~umask}: with the default 022 a restart would drop {@code g+w};</li>
 * <li>a tmpfiles.d entry recreating the directory with the group and setgid at boot ({@code /run} is a tmpfs).</li>
 * </ol>
 * The unit-file and tmpfiles directories are the spec's paths ({@code systemd_dir}, {@code tmpfiles_dir}; defaults
 * {@code /etc/systemd/system}, {@code /etc/tmpfiles.d}); each file is only written where its directory exists.
 * A running session of the stack user gets the group on its next login; {@code sudo -u} gets it at once.
 */
public final class OvsSocketPermissionsFixup implements Fixup {
    static final String DROPIN_NAME = "ovsdb-server.service.d/devstack-provisioner.conf";
    static final String TMPFILES_NAME = "devstack-provisioner-ovs.conf";
    private static final String STAT = """
            s="$1"; u="$2"; d=$(dirname -- "$s")
            echo "socket $s: $(stat -c '%U:%G %a' -- "$s")"
            echo "directory $d: $(stat -c '%U:%G %a' -- "$d")"
            echo "$u is in groups: $(id -nG -- "$u")"
            """;
    private static final String GRANT = """
            set -e
            u="$1"; g="$2"; s="$3"; d=$(dirname -- "$s")
            getent group "$g" >/dev/null || groupadd --system -- "$g"
            id -nG -- "$u" | tr ' ' '\\n' | grep -qxF -- "$g" || usermod -a -G "$g" -- "$u"
            chgrp -- "$g" "$d"; chmod g+rxs,o-w -- "$d"
            if [ -S "$s" ]; then chgrp -- "$g" "$s"; chmod g+rw,o-w -- "$s"; fi
            stat -c %a -- "$d"
            """;

    @Override
    public String name() {
        return "ovs-socket-permissions";
    }

    @Override
    public String describe(FixupContext ctx) {
        return "give " + ctx.stackUser() + " access to " + ctx.host().paths().ovsDbSock() + " through group " + group(ctx)
                + " (setgid socket directory, ovsdb-server UMask=0002 drop-in; never world-writable)";
    }

    @Override
    public Detection detect(FixupContext ctx) throws RemoteException {
        String sock = ctx.host().paths().ovsDbSock();
        if (!ctx.run(RemoteCommand.of("test", "-S", sock).asRoot()).ok()) {
            return Detection.clean("no socket at " + sock + " (ovsdb-server not running)");
        }
        CommandResult show = showAsStackUser(ctx);
        if (show.ok()) {
            return Detection.clean(ctx.stackUser() + " can already use " + sock);
        }
        String err = show.firstErrorLine();
        if (!err.contains("Permission denied")) {
            return Detection.clean("not this fix-up's problem: ovs-vsctl as " + ctx.stackUser() + " fails with: " + err);
        }
        List<String> findings = new ArrayList<>(List.of("ovs-vsctl as " + ctx.stackUser() + ": " + err));
        findings.addAll(ctx.run(RemoteCommand.script(STAT, sock, ctx.stackUser()).asRoot()).stdout().lines().toList());
        return Detection.found(findings);
    }

    @Override
    public void apply(FixupContext ctx, Detection found) throws RemoteException {
        String sock = ctx.host().paths().ovsDbSock();
        String dir = sock.substring(0, Math.max(1, sock.lastIndexOf('/')));
        CommandResult result = ctx.run(RemoteCommand.script(GRANT, ctx.stackUser(), group(ctx), sock).asRoot());
        if (!result.ok()) {
            throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), "cannot grant group access: "
                    + result.firstErrorLine());
        }
        String dirMode = result.stdout().strip();
        TargetFiles files = ctx.files();
        String systemd = ctx.host().paths().systemdDir();
        boolean unitChanged = false;
        if (isDir(ctx, systemd)) {
            unitChanged = files.ensure(systemd + "/" + DROPIN_NAME, """
                    # devstack-provisioner ovs-socket-permissions: sockets are created 0770 & ~umask; keep them group-writable
                    [Service]
                    UMask=0002
                    """, "0644");
        }
        String tmpfiles = ctx.host().paths().tmpfilesDir();
        if (isDir(ctx, tmpfiles)) {
            files.ensure(tmpfiles + "/" + TMPFILES_NAME, "# devstack-provisioner ovs-socket-permissions\nd " + dir + " "
                    + (dirMode.length() == 3 ? "2" + dirMode : dirMode) + " root " + group(ctx) + " -\n", "0644");
        }
        if (unitChanged) {
            ctx.run(RemoteCommand.script("[ -d /run/systemd/system ] && systemctl daemon-reload || true").asRoot());
        }
    }

    @Override
    public Verification verify(FixupContext ctx) throws RemoteException {
        CommandResult show = showAsStackUser(ctx);
        return show.ok() ? Verification.passed("ovs-vsctl show works as " + ctx.stackUser())
                : Verification.failed("ovs-vsctl as " + ctx.stackUser() + " still fails: " + show.firstErrorLine());
    }

    private static CommandResult showAsStackUser(FixupContext ctx) throws RemoteException {
        RemoteCommand command = ctx.asStackUser("ovs-vsctl", "--db=unix:" + ctx.host().paths().ovsDbSock(),
                "--timeout=10", "show");
        return ctx.run(command.withTimeout(Duration.ofSeconds(30)));
    }

    private static boolean isDir(FixupContext ctx, String dir) throws RemoteException {
        return ctx.run(RemoteCommand.of("test", "-d", dir)).ok();
    }

    private static String group(FixupContext ctx) {
        return ctx.fact("ovs_group").orElse("openvswitch");
    }
}
