package io.provisioner.remote;

/** Why talking to a target failed, as far as the exit-code table and the user's remedy care. */
public enum RemoteFailure {
    /** Name did not resolve, connection refused or timed out, network unreachable. */
    UNREACHABLE,
    /** The server rejected our credentials. Never retried. */
    AUTHENTICATION,
    /** The host key is not in known_hosts and the policy is strict. */
    HOST_KEY_UNKNOWN,
    /** The host key differs from the one recorded: possible man in the middle. */
    HOST_KEY_CHANGED,
    /** sudo -n refused because it wants a password. */
    SUDO_NEEDS_PASSWORD,
    /** The command ran longer than its timeout and was stopped. */
    TIMEOUT,
    /** The connection dropped while a command was running. */
    DISCONNECTED,
    /** Anything else on the transport (SFTP error, protocol error). */
    IO,
    /** A remote file that was read does not exist. */
    NOT_FOUND,
    /** A detached run's lock is held by another live run (see {@link DetachedRunBusyException}). */
    LOCKED;

    /** Transport trouble worth another connect attempt; never an authentication or host-key refusal. */
    public boolean isTransient() {
        return this == UNREACHABLE || this == DISCONNECTED;
    }
}
