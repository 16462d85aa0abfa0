package io.provisioner.remote;

/**
 * Where a detached run stands. {@code exitCode} only when FINISHED; {@code holder} is the lock file's
 * description of the live holder (id, pid, user, since, by) when known. ABANDONED: this run started but
 * is gone without an exit file (killed, host rebooted); its log is kept.
 */
public record DetachedStatus(State state, Integer exitCode, String holder) {
    public enum State { NOT_STARTED, RUNNING, FINISHED, ABANDONED }

    public boolean finished() {
        return state == State.FINISHED;
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    static DetachedStatus parse(String host, String line) throws RemoteException {
        String trimmed = line.trim();
        String word = trimmed.contains(" ") ? trimmed.substring(0, trimmed.indexOf(' ')) : trimmed;
        String rest = trimmed.contains(" ") ? trimmed.substring(trimmed.indexOf(' ') + 1).trim() : "";
        switch (word) {
            case "FINISHED":
                try {
                    return new DetachedStatus(State.FINISHED, Integer.parseInt(rest), null);
                } catch (NumberFormatException e) {
                    throw new RemoteException(RemoteFailure.IO, host, host + ": unreadable exit file: '" + rest + "'");
                }
            case "RUNNING":
            case "STARTED":
                return new DetachedStatus(State.RUNNING, null, rest);
            case "ABANDONED":
                return new DetachedStatus(State.ABANDONED, null, rest);
            case "NOT_STARTED":
                return new DetachedStatus(State.NOT_STARTED, null, rest.isEmpty() ? null : rest);
            default:
                throw new RemoteException(RemoteFailure.IO, host,
                        host + ": unexpected answer from the run launcher: " + trimmed);
        }
    }
}
