package io.provisioner.sandbox;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A failure a sandbox host is given, as host state the simulator's commands meet. The first six are the
 * seed article's rounds ({@code seed}); each is cleared by the state change a person (or a fix-up) makes.
 */
public enum SandboxFault {
    /** git:// is blocked and the tree's stackrc defaults GIT_BASE to git://git.openstack.org. */
    GIT_PROTOCOL("git-protocol"),
    /** A previous run is still around: the 2016 screen session, or (current) a stale keystone process. */
    STALE_RUN("stale-run"),
    /** A sources.list.d entry whose repository is gone. */
    APT_SOURCE("apt-source"),
    /** MySQL/MariaDB is installed with a root password that differs from DATABASE_PASSWORD. */
    MYSQL_ROOT("mysql-root"),
    /** The OVS db socket is root:root 0750 and the stack user is outside its group. */
    OVS_SOCKET("ovs-socket"),
    /** A corporate proxy in the host's /etc/environment and a no_proxy without the host's own address. */
    NO_PROXY("no-proxy"),
    /** The devstack checkout is owned by root, so the stack user cannot write .localrc.auto. */
    DIR_OWNERSHIP("dir-ownership"),
    /** PyYAML installed by apt (distutils), which pip cannot uninstall. */
    PIP_DISTUTILS("pip-distutils"),
    /** Another process (unattended-upgrades) holds the dpkg frontend lock. */
    APT_LOCK("apt-lock"),
    /** The glance API unit starts but never answers: "g-api did not start". */
    SERVICE_START("service-start"),
    /** The disk is full (apt's archive cache holds the space). */
    DISK_FULL("disk-full");

    /** The article's six. */
    public static final Set<SandboxFault> SEED =
            EnumSet.of(GIT_PROTOCOL, STALE_RUN, APT_SOURCE, MYSQL_ROOT, OVS_SOCKET, NO_PROXY);

    private final String label;

    SandboxFault(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Parses fault names: {@code seed}, {@code none}, {@code all}, or labels, comma-separated or as
     * separate elements. Unknown names are an {@link IllegalArgumentException} naming the known ones.
     */
    public static Set<SandboxFault> parse(Collection<String> names) {
        EnumSet<SandboxFault> result = EnumSet.noneOf(SandboxFault.class);
        for (String item : names) {
            for (String raw : item.split(",")) {
                String name = raw.trim();
                if (name.isEmpty() || name.equals("none")) {
                    continue;
                }
                if (name.equals("seed")) {
                    result.addAll(SEED);
                } else if (name.equals("all")) {
                    result.addAll(EnumSet.allOf(SandboxFault.class));
                } else {
                    result.add(Arrays.stream(values()).filter(fault -> fault.label.equals(name)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + name
                                    + "'; known: seed, none, all, " + Arrays.stream(values())
                                    .map(SandboxFault::label).collect(Collectors.joining(", ")))));
                }
            }
        }
        return result;
    }
}
