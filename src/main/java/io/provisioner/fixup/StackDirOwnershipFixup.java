package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code stack-dir-ownership}: gives the DevStack directories (the devstack tree, {@code DEST}, the log
 * directory) back to the stack user and its primary group. It changes only entries owned by root or by
 * another login user (uid >= 1000), the two ways they go wrong (a {@code sudo} step, a clone made by
 * someone else); entries of system accounts (libvirt-qemu disks, ...) are left alone. Never touches a
 * shallow path such as {@code /} or {@code /opt}.
 */
public final class StackDirOwnershipFixup implements Fixup {
    private static final int SHOWN = 10;
    private static final String FIND = """
            u="$1"; shift
            g=$(id -gn -- "$u") || exit 4
            for d in "$@"; do
              [ -d "$d" ] || continue
              find "$d" \\( -uid 0 -o -uid +999 \\) ! -uid 65534 \\( ! -user "$u" -o ! -group "$g" \\) -printf '%u:%g %p\\n'
            done
            """;
    private static final String CHOWN = """
            u="$1"; shift
            g=$(id -gn -- "$u") || exit 4
            for d in "$@"; do
              [ -d "$d" ] || continue
              find "$d" \\( -uid 0 -o -uid +999 \\) ! -uid 65534 \\( ! -user "$u" -o ! -group "$g" \\) -print0 | xargs -0 -r chown -h -- "$u:$g"
            done
            """;

    @Override
    public String name() {
        return "stack-dir-ownership";
    }

    @Override
    public String describe(FixupContext ctx) {
        return "give " + String.join(", ", dirs(ctx)) + " back to " + ctx.stackUser()
                + " (entries owned by root or another login user)";
    }

    @Override
    public Detection detect(FixupContext ctx) throws RemoteException {
        List<String> wrong = wrongEntries(ctx);
        if (wrong.isEmpty()) {
            return Detection.clean("everything under " + String.join(", ", dirs(ctx)) + " belongs to " + ctx.stackUser());
        }
        List<String> findings = new ArrayList<>();
        findings.add(wrong.size() + " entries not owned by " + ctx.stackUser());
        wrong.stream().limit(SHOWN).forEach(findings::add);
        return Detection.found(findings);
    }

    @Override
    public void apply(FixupContext ctx, Detection found) throws RemoteException {
        CommandResult result = ctx.run(script(CHOWN, ctx).asRoot());
        if (!result.ok()) {
            throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), "chown failed: " + result.firstErrorLine());
        }
    }

    @Override
    public Verification verify(FixupContext ctx) throws RemoteException {
        List<String> wrong = wrongEntries(ctx);
        return wrong.isEmpty() ? Verification.passed("the DevStack directories belong to " + ctx.stackUser())
                : Verification.failed(wrong.size() + " entries still not owned by " + ctx.stackUser() + ", e.g. " + wrong.get(0));
    }

    private List<String> wrongEntries(FixupContext ctx) throws RemoteException {
        CommandResult result = ctx.run(script(FIND, ctx).asRoot());
        if (result.exitStatus() == 4) {
            throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), "no such user on the host: " + ctx.stackUser());
        }
        return result.stdout().lines().filter(line -> !line.isBlank()).distinct().toList();
    }

    private static RemoteCommand script(String body, FixupContext ctx) {
        List<String> args = new ArrayList<>(List.of("bash", "-c", body, "bash", ctx.stackUser()));
        args.addAll(dirs(ctx));
        return new RemoteCommand(args, null, RemoteCommand.DEFAULT_TIMEOUT, false);
    }

    /** The devstack tree, DEST (localrc DEST or the tree's parent) and the log directory; shallow paths refused. */
    static List<String> dirs(FixupContext ctx) {
        String devstack = strip(ctx.host().devstack().dir());
        Set<String> out = new LinkedHashSet<>();
        out.add(devstack);
        String dest = ctx.host().localrc().get("DEST");
        if (dest == null && devstack.lastIndexOf('/') > 0) {
            dest = devstack.substring(0, devstack.lastIndexOf('/'));
        }
        if (dest != null) {
            out.add(strip(dest));
        }
        out.add(strip(ctx.host().paths().logDir()));
        return out.stream().filter(StackDirOwnershipFixup::deepEnough).toList();
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static boolean deepEnough(String path) {
        return path.startsWith("/") && path.chars().filter(character -> character == '/').count() >= 2
                && !path.contains("/../")
                && !Set.of("/usr/local", "/var/lib", "/home/stack/..").contains(path);
    }
}
