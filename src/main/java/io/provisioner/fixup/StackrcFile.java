package io.provisioner.fixup;

import io.provisioner.remote.RemoteException;
import io.provisioner.render.HostRenderer;
import io.provisioner.render.StackrcOverlay;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DevStack's {@code stackrc} in the tree on the target and the provisioner's overlay block in it: which
 * era the tree is (its own GIT_BASE default), what the block currently exports, and re-applying the block
 * rendered from the spec (backup first, nothing written when it is already right).
 */
final class StackrcFile {
    private static final Pattern EXPORT = Pattern.compile("^export (\\w+)=(.*)$");
    private static final Pattern DEFAULT_GIT_BASE = Pattern.compile("GIT_BASE=\\$\\{GIT_BASE:-([^}]+)}");

    private StackrcFile() {
    }

    static String path(FixupContext ctx) {
        return ctx.host().devstack().dir() + "/stackrc";
    }

    static String localConfPath(FixupContext ctx) {
        return ctx.host().devstack().dir() + "/local.conf";
    }

    /** A variable exported by the provisioner's block, shell quoting removed. */
    static Optional<String> overlayValue(String stackrc, String name) {
        boolean inside = false;
        String value = null;
        for (String line : stackrc.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.equals(StackrcOverlay.BEGIN)) {
                inside = true;
            } else if (trimmed.equals(StackrcOverlay.END)) {
                inside = false;
            } else if (inside) {
                Matcher matcher = EXPORT.matcher(trimmed);
                if (matcher.matches() && matcher.group(1).equals(name)) {
                    value = unquote(matcher.group(2));
                }
            }
        }
        return Optional.ofNullable(value);
    }

    /** The tree's own default GIT_BASE (git://git.openstack.org in 2016, https://opendev.org today). */
    static Optional<String> treeDefaultGitBase(String stackrc) {
        Matcher matcher = DEFAULT_GIT_BASE.matcher(StackrcOverlay.remove(stackrc));
        return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
    }

    /** https://opendev.org for trees that know it, https://git.openstack.org for older ones. */
    static String httpsBaseFor(String stackrc) {
        return StackrcOverlay.remove(stackrc).contains("opendev.org") ? "https://opendev.org" : "https://git.openstack.org";
    }

    /** Renders the overlay for the host and puts it in stackrc; returns whether the file changed. */
    static boolean reapply(FixupContext ctx, String stackrc, String gitBase, List<String> extraNoProxy) throws RemoteException {
        String overlay = HostRenderer.withDefaultTemplates().render(ctx.spec(), ctx.host(), gitBase, extraNoProxy).stackrcOverlay();
        String updated = StackrcOverlay.applyTo(stackrc, overlay);
        if (updated.equals(stackrc)) {
            return false;
        }
        ctx.files().rewrite(path(ctx), updated);
        return true;
    }

    private static String unquote(String value) {
        String stripped = value.strip();
        if (stripped.length() >= 2 && stripped.startsWith("'") && stripped.endsWith("'")) {
            return stripped.substring(1, stripped.length() - 1).replace("'\\''", "'");
        }
        if (stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")) {
            return stripped.substring(1, stripped.length() - 1);
        }
        return stripped;
    }
}
