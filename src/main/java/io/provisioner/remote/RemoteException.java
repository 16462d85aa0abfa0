package io.provisioner.remote;

import java.io.IOException;

/** A failure to talk to a target, with its kind and a one-line remedy a person can act on. */
public class RemoteException extends IOException {
    private final RemoteFailure failure;
    private final String host;

    public RemoteException(RemoteFailure failure, String host, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.host = host;
    }

    public RemoteException(RemoteFailure failure, String host, String message) {
        this(failure, host, message, null);
    }

    public RemoteFailure failure() {
        return failure;
    }

    public String host() {
        return host;
    }
}
