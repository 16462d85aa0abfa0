package io.provisioner.deploy;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.render.RenderedHost;
import io.provisioner.render.StackrcOverlay;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

import java.nio.charset.StandardCharsets;

/**
 * Puts DevStack and the rendered files on the target: clone or update the tree at {@code devstack.ref},
 * upload {@code local.conf} (0600: it holds the passwords), apply the stackrc overlay as a marked block,
 * and move a stale {@code localrc} / {@code .localrc.password} aside (either would override local.conf).
 */
final class TargetPreparation {
    /** Clone or fast-forward; stackrc is restored first because the overlay edits it. Proxy vars on stdin. */
    private static final String CHECKOUT = """
            eval "$(cat)"
            set -e
            dir=$1 repo=$2 ref=$3 state=$4
            mkdir -p "$state" && chmod 700 "$state"
            if [ -d "$dir/.git" ]; then
              git -C "$dir" checkout -q -- stackrc 2>/dev/null || true
              git -C "$dir" fetch -q origin
              git -C "$dir" checkout -q "$ref"
              if git -C "$dir" rev-parse -q --verify "refs/remotes/origin/$ref" >/dev/null; then
                git -C "$dir" merge -q --ff-only "origin/$ref"
              fi
            else
              mkdir -p "$(dirname "$dir")"
              git clone -q "$repo" "$dir"
              git -C "$dir" checkout -q "$ref"
            fi
            for f in localrc .localrc.password; do
              if [ -e "$dir/$f" ]; then mv -f "$dir/$f" "$dir/$f.provisioner-bak"; echo "moved aside: $f"; fi
            done
            git -C "$dir" rev-parse HEAD
            """;

    private final RemoteShell shell;
    private final Spec spec;
    private final Host host;

    TargetPreparation(RemoteShell shell, Spec spec, Host host) {
        this.shell = shell;
        this.spec = spec;
        this.host = host;
    }

    /** Returns the commit the tree is at. */
    String prepare(RenderedHost files) throws RemoteException {
        String dir = host.devstack().dir();
        CommandResult r = shell.run(RemoteCommand.script(CHECKOUT, dir, host.devstack().repo(), host.devstack().ref(),
                        host.paths().stateDir())
                .withStdin(ProxyEnvironment.exports(spec, host)).withTimeout(host.timeouts().command()));
        if (!r.ok()) {
            throw new StepFailedException("cannot get DevStack " + host.devstack().ref() + " from "
                    + host.devstack().repo() + " into " + dir + ": " + lastLine(r.stderr()));
        }
        shell.upload(dir + "/local.conf", files.localConf().getBytes(StandardCharsets.UTF_8), 0600);
        String stackrc = new String(shell.read(dir + "/stackrc", 0, 4 << 20), StandardCharsets.UTF_8);
        shell.upload(dir + "/stackrc", StackrcOverlay.applyTo(stackrc, files.stackrcOverlay())
                .getBytes(StandardCharsets.UTF_8), 0644);
        String out = r.stdout().strip();
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    static String lastLine(String text) {
        String t = text.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
