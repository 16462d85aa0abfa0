package io.provisioner.deploy;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.OutputListener;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;

/** A real shell passed through, for tests that watch or disturb one call and leave the rest alone. */
abstract class ForwardingShell implements RemoteShell {
    protected final RemoteShell shell;

    ForwardingShell(RemoteShell shell) {
        this.shell = shell;
    }

    @Override
    public String host() {
        return shell.host();
    }

    @Override
    public CommandResult run(RemoteCommand command, OutputListener listener) throws RemoteException {
        return shell.run(command, listener);
    }

    @Override
    public void upload(String remotePath, byte[] content, int mode) throws RemoteException {
        shell.upload(remotePath, content, mode);
    }

    @Override
    public byte[] read(String remotePath, long offset, int maxBytes) throws RemoteException {
        return shell.read(remotePath, offset, maxBytes);
    }

    @Override
    public void close() {
        shell.close();
    }
}
