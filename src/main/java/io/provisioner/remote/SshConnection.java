package io.provisioner.remote;

import com.jcraft.jsch.Session;

import java.util.List;

/**
 * The one SSH session of a host, reopened on demand when it dropped (a command that was running at
 * the drop fails with DISCONNECTED; the next command reconnects). Closing it returns once the sessions'
 * reader threads have ended ({@link TransportThreads}).
 */
final class SshConnection {
    private final Connector connector;
    private final SshTarget target;
    private final TransportThreads threads = new TransportThreads();
    private Session session;
    private Session bastion;
    private boolean closed;

    SshConnection(Connector connector, SshTarget target) {
        this.connector = connector;
        this.target = target;
    }

    synchronized Session session() throws RemoteException {
        if (closed) {
            throw new RemoteException(RemoteFailure.IO, target.name(), "connection to " + target.name() + " was closed");
        }
        if (session == null || !session.isConnected()) {
            disconnect();
            Session[] pair = connector.connect(target, threads);
            session = pair[0];
            bastion = pair[1];
        }
        return session;
    }

    synchronized boolean isConnected() {
        return session != null && session.isConnected();
    }

    synchronized void close() {
        closed = true;
        disconnect();
    }

    /** The connection's transport threads still running (the session's reader while connected). */
    List<Thread> liveThreads() {
        return threads.live();
    }

    private void disconnect() {
        if (session != null) {
            session.disconnect();
            session = null;
        }
        if (bastion != null) {
            bastion.disconnect();
            bastion = null;
        }
        threads.awaitEnd();
    }
}
