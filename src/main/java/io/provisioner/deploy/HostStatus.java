package io.provisioner.deploy;

/** The end state of one host. */
public enum HostStatus {
    /** stack.sh succeeded and every probed endpoint answered. */
    HEALTHY,
    /** stack.sh or verification failed and the fix-ups did not help (or none applied). */
    FAILED,
    /** The host could not be reached or its key is not trusted. */
    UNREACHABLE,
    /** Not attempted: the controller failed, or --host excluded it. */
    SKIPPED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
