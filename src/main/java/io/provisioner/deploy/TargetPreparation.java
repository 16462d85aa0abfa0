package io.provisioner.deploy;

import io.provisioner.plan.TargetScripts;
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
 * The script, paths and modes are {@link TargetScripts}', which the plan prints.
 */
final class TargetPreparation {
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
        CommandResult result = shell.run(RemoteCommand.script(TargetScripts.CHECKOUT,
                        TargetScripts.checkoutArgs(host).toArray(String[]::new))
                .withStdin(ProxyEnvironment.exports(spec, host)).withTimeout(host.timeouts().command()));
        if (!result.ok()) {
            throw new StepFailedException("cannot get DevStack " + host.devstack().ref() + " from "
                    + host.devstack().repo() + " into " + dir + ": " + result.lastErrorLine());
        }
        shell.upload(TargetScripts.localConf(host), files.localConf().getBytes(StandardCharsets.UTF_8),
                TargetScripts.LOCAL_CONF_MODE);
        String stackrc = new String(shell.read(TargetScripts.stackrc(host), 0, 4 << 20), StandardCharsets.UTF_8);
        shell.upload(TargetScripts.stackrc(host), StackrcOverlay.applyTo(stackrc, files.stackrcOverlay())
                .getBytes(StandardCharsets.UTF_8), TargetScripts.STACKRC_MODE);
        String out = result.stdout().strip();
        return out.substring(out.lastIndexOf('\n') + 1);
    }
}
