package io.provisioner.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fix-ups by name, in the order the documentation lists them. Names arrive as text from the spec's
 * {@code fixups:} list and from the diagnosis rules; they are parsed into this type once, at that edge.
 */
public enum FixupName {
    GIT_HTTPS("git-https"),
    NO_PROXY("no-proxy"),
    MYSQL_ROOT_PASSWORD("mysql-root-password"),
    OVS_SOCKET_PERMISSIONS("ovs-socket-permissions"),
    UNSTACK("unstack"),
    APT_SOURCES("apt-sources"),
    APT_LOCK("apt-lock"),
    PIP_DISTUTILS("pip-distutils"),
    STACK_DIR_OWNERSHIP("stack-dir-ownership"),
    RETRY("retry");

    private final String label;

    FixupName(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Whether the fix-up changes the login user's groups. A login keeps the groups it started with, so the
     * deploy opens a new connection after such a fix-up: otherwise stack.sh, started on the old one, still
     * meets the permission the fix-up granted as denied.
     */
    public boolean changesLoginGroups() {
        return this == OVS_SOCKET_PERMISSIONS;
    }

    /**
     * Whether the fix-up waits out a condition that passes by itself (another package manager's lock) rather
     * than changing anything: once it verified that the condition is gone, another run can succeed.
     */
    public boolean waitsOutAPassingCondition() {
        return this == APT_LOCK;
    }

    public static Optional<FixupName> parse(String label) {
        return Arrays.stream(values()).filter(name -> name.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(FixupName::label).toList();
    }

    @Override
    public String toString() {
        return label;
    }
}
