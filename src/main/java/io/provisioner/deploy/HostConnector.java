package io.provisioner.deploy;

import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.Host;

/** Opens the one connection the deploy uses for a host. The real one is SSH; see {@link SshHostConnector}. */
@FunctionalInterface
public interface HostConnector {
    RemoteShell open(Host host) throws RemoteException;
}
