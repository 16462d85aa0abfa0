package io.provisioner.remote;

/** The run's lock file is held by another live run; {@link #holder()} says who, since when. */
public class DetachedRunBusyException extends RemoteException {
    private final String holder;

    public DetachedRunBusyException(String host, String lockFile, String holder) {
        super(RemoteFailure.LOCKED, host, host + ": " + lockFile + " is held by a live run (" + holder
                + "); wait for it to finish, or stop that process, before starting another");
        this.holder = holder;
    }

    public String holder() {
        return holder;
    }
}
