package io.provisioner.diagnose;

import java.util.List;

/** The failure categories and fix-up names (docs/architecture.md); rule files may use only these. */
public final class Vocabulary {
    public static final List<String> CATEGORIES = List.of("git-protocol-blocked", "git-clone-failure",
            "network-download-failure", "dns-resolution-failure", "proxy-no-proxy-missing", "apt-source-failure",
            "apt-lock-held", "pip-install-failure", "pip-dependency-conflict", "pip-distutils-uninstall",
            "python-version", "mysql-root-access-denied", "ovs-db-sock-permission", "stack-already-running",
            "stale-services-from-previous-run", "directory-ownership-permission", "unsupported-distro",
            "service-start-failure", "neutron-backend-misconfigured", "local-sh-script-error", "disk-full",
            "out-of-memory", "password-prompt", "unknown");

    public static final List<String> FIXUPS = List.of("git-https", "no-proxy", "mysql-root-password",
            "ovs-socket-permissions", "unstack", "apt-sources", "apt-lock", "pip-distutils", "stack-dir-ownership",
            "retry");

    public static final String UNKNOWN = "unknown";

    private Vocabulary() {
    }
}
