package io.provisioner.remote;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CommandResultTest {
    private static final String SUDO_WARNING = "sudo: unable to resolve host cloud-vm: Name or service not known\n";

    private static CommandResult failed(String stdout, String stderr) {
        return new CommandResult(1, stdout, stderr, Duration.ZERO);
    }

    @Test
    void theErrorLineIsStderrsFirstAndSudosHostWarningIsNeverIt() {
        assertThat(failed("", "ovs-vsctl: unix:/run/openvswitch/db.sock: database connection failed (Permission denied)\nmore\n")
                .firstErrorLine()).isEqualTo("ovs-vsctl: unix:/run/openvswitch/db.sock: database connection failed (Permission denied)");
        assertThat(failed("", SUDO_WARNING + "ERROR 1045 (28000): Access denied for user 'root'@'localhost'\n").firstErrorLine())
                .isEqualTo("ERROR 1045 (28000): Access denied for user 'root'@'localhost'");
    }

    @Test
    void gitsErrorIsItsLastLineAfterTheProgress() {
        CommandResult clone = failed("", "Cloning into '/opt/stack/devstack'...\n" + SUDO_WARNING
                + "fatal: unable to access 'https://opendev.org/openstack/devstack.git/': Could not resolve proxy: proxy\n");
        assertThat(clone.lastErrorLine()).startsWith("fatal: unable to access");
        assertThat(failed("", "fatal: one\n" + SUDO_WARNING).lastErrorLine()).isEqualTo("fatal: one");
    }

    @Test
    void stdoutSpeaksWhenStderrHasNothingButTheWarning() {
        assertThat(failed("unstack.sh: ovs-vsctl: command not found\n", SUDO_WARNING).firstErrorLine())
                .isEqualTo("unstack.sh: ovs-vsctl: command not found");
        assertThat(failed("", SUDO_WARNING).firstErrorLine()).isEmpty();
        assertThat(failed("", "").lastErrorLine()).isEmpty();
    }
}
