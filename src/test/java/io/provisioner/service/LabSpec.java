package io.provisioner.service;

import io.provisioner.sandbox.SandboxHost;
import io.provisioner.sandbox.SandboxLab;
import io.provisioner.sandbox.SandboxOptions;

import java.io.IOException;
import java.util.Map;

/**
 * Specs a test submits for sandbox hosts living in the test's JVM (so they outlive a killed {@code serve}):
 * passwords only as {@code env:} references, as the service requires; {@link #ENV} is what the server needs.
 */
final class LabSpec {
    static final Map<String, String> ENV = Map.of("PV_ADMIN", "labadmin1", "PV_DB", "labdb1", "PV_RABBIT", "labrabbit1",
            "PV_SERVICE", "labservice1");
    /** stack.sh some 30 s instead of some 8 s: long enough to act while it runs. */
    static final String SLOW_TIME_SCALE = "0.05";

    private LabSpec() {
    }

    /** A lab whose stack.sh runs slowly (SandboxLab reads sandbox.timeScale once, at start). */
    static SandboxLab slowLab(SandboxOptions options) throws IOException {
        String before = System.getProperty("sandbox.timeScale");
        System.setProperty("sandbox.timeScale", SLOW_TIME_SCALE);
        try {
            return SandboxLab.start(options);
        } finally {
            if (before == null) {
                System.clearProperty("sandbox.timeScale");
            } else {
                System.setProperty("sandbox.timeScale", before);
            }
        }
    }

    static String specFor(SandboxLab lab) {
        StringBuilder y = new StringBuilder("""
                version: 1
                defaults:
                  passwords: {admin: env:PV_ADMIN, database: env:PV_DB, rabbit: env:PV_RABBIT, service: env:PV_SERVICE}
                  git_base: auto
                  localrc: {LOG_COLOR: "False", SERVICE_TIMEOUT: "10000"}
                  fixups: auto
                  retries: 2
                  timeouts: {stack: 10m, command: 3m, connect: 10s}
                hosts:
                """);
        for (int i = 0; i < lab.hosts().size(); i++) {
            SandboxHost h = lab.hosts().get(i);
            y.append("  - name: ").append(h.name()).append('\n')
                    .append("    role: ").append(i == 0 ? "controller" : "compute").append('\n')
                    .append("    host_ip: ").append(h.hostIp()).append('\n')
                    .append("    address: ").append(h.address()).append('\n')
                    .append("    ssh: {user: ").append(h.user()).append(", port: ").append(h.port())
                    .append(", identity: '").append(lab.identityFile()).append("', known_hosts: '")
                    .append(lab.knownHostsFile()).append("', host_keys: strict}\n")
                    .append("    devstack: {repo: '").append(h.devstackRepo()).append("', ref: master, dir: '")
                    .append(h.devstackDir()).append("'}\n")
                    .append("    paths: {mysql_maintenance_cnf: '").append(h.paths().mysqlMaintenanceCnf())
                    .append("', ovs_db_sock: '").append(h.paths().ovsDbSock())
                    .append("', log_dir: '").append(h.paths().logDir())
                    .append("', state_dir: '").append(h.paths().stateDir())
                    .append("', apt_dir: '").append(h.paths().aptDir())
                    .append("', systemd_dir: '").append(h.paths().systemdDir())
                    .append("', tmpfiles_dir: '").append(h.paths().tmpfilesDir()).append("'}\n");
        }
        return y.toString();
    }
}
