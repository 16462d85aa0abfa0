package io.provisioner.spec;

/** What a host is in a DevStack cloud. */
public enum Role {
    CONTROLLER, COMPUTE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
