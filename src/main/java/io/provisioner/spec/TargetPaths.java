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
 * @param systemdDir          where unit drop-ins go ({@code /etc/systemd/system})
 * @param tmpfilesDir         systemd-tmpfiles configuration ({@code /etc/tmpfiles.d})
 */
public record TargetPaths(String mysqlMaintenanceCnf, String ovsDbSock, String logDir, String stateDir,
                          String aptDir, String systemdDir, String tmpfilesDir) {
    public static final String SYSTEMD_DIR = "/etc/systemd/system";
    public static final String TMPFILES_DIR = "/etc/tmpfiles.d";

    /** The five paths most hosts change; systemd's directories keep their defaults. */
    public TargetPaths(String mysqlMaintenanceCnf, String ovsDbSock, String logDir, String stateDir, String aptDir) {
        this(mysqlMaintenanceCnf, ovsDbSock, logDir, stateDir, aptDir, SYSTEMD_DIR, TMPFILES_DIR);
    }

    public static TargetPaths defaults() {
        return new TargetPaths("/etc/mysql/debian.cnf", "/var/run/openvswitch/db.sock", "/opt/stack/logs",
                "/var/tmp/devstack-provisioner", "/etc/apt");
    }
}
