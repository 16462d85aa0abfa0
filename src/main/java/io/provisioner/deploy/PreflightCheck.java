package io.provisioner.deploy;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The preflight checks by name: what {@code --skip-check} accepts and what each check result is called. */
public enum PreflightCheck {
    REACHABLE("reachable"),
    AUTH("auth"),
    SUDO("sudo"),
    NON_ROOT("non-root"),
    DISTRO("distro"),
    CPU("cpu"),
    MEMORY("memory"),
    DISK("disk"),
    CLOCK("clock"),
    PROXY("proxy"),
    GIT("git"),
    APT("apt"),
    PORTS("ports"),
    STACK_RUNNING("stack-running"),
    MYSQL("mysql"),
    OVS("ovs"),
    STALE_LOCALRC("stale-localrc"),
    LOCALE("locale"),
    HOSTNAME("hostname");

    private final String label;

    PreflightCheck(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<PreflightCheck> parse(String label) {
        return Arrays.stream(values()).filter(check -> check.label.equals(label)).findFirst();
    }

    static Set<String> labels() {
        return Arrays.stream(values()).map(PreflightCheck::label).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return label;
    }
}
