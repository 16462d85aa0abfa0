package io.provisioner.service.auth;

import java.util.Locale;

/** What a token may do: a viewer reads everything (streams included); an operator also submits and cancels. */
public enum Role {
    VIEWER, OPERATOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named in a token file; null for anything else. */
    public static Role fromLabel(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        return null;
    }
}
