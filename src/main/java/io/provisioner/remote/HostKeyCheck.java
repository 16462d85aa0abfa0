package io.provisioner.remote;

/** What to do with a host key that known_hosts does not vouch for. */
public enum HostKeyCheck {
    /** Unknown keys and changed keys are refused. */
    STRICT,
    /** An unknown key is recorded in known_hosts; a changed key is refused. */
    ACCEPT_NEW,
    /** Any key is accepted and nothing is recorded. Only when the user spelled it out. */
    INSECURE
}
