package io.provisioner.spec;

/** How an unknown or changed SSH host key is treated. */
public enum HostKeyPolicy {
    STRICT("strict"), ACCEPT_NEW("accept-new"), INSECURE("insecure");

    private final String label;

    HostKeyPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static HostKeyPolicy fromLabel(String label) {
        for (HostKeyPolicy policy : values()) {
            if (policy.label.equals(label)) {
                return policy;
            }
        }
        throw new IllegalArgumentException(label);
    }
}
