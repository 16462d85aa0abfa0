package io.provisioner.spec;

/**
 * Every path the provisioner touches on a target, with DevStack's / Debian's default, so unusual hosts
 * and test targets work. Spec key: {@code paths}.
 *
 * @param mysqlMaintenanceCnf Debian's maintenance account file ({@code /etc/mysql/debian.cnf})
 * @param ovsDbSock           the OVS database socket ({@code /var/run/openvswitch/db.sock})
 * @param logDir              where stack.sh's log goes ({@code /opt/stack/logs})
 * @param stateDir            the provisioner's own files on the target: lock, exit status, secrets
 *                            ({@code /var/tmp/devstack-provisioner})
 * @param aptDir              apt's configuration root ({@code /etc/apt})
 */
public record TargetPaths(String mysqlMaintenanceCnf, String ovsDbSock, String logDir, String stateDir,
                          String aptDir) {
    public static TargetPaths defaults() {
        return new TargetPaths("/etc/mysql/debian.cnf", "/var/run/openvswitch/db.sock", "/opt/stack/logs",
                "/var/tmp/devstack-provisioner", "/etc/apt");
    }
}
