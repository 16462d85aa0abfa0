package io.provisioner.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SSH login keeps the groups it started with. After the OVS fix-up adds the stack user to the socket's
 * group, stack.sh started on the old connection would still be refused the socket (seen against a real
 * sshd in the Docker lab), so the deploy logs in again. Other fix-ups keep the connection.
 */
class GroupChangeReconnectIT {
    @TempDir
    Path dir;

    private static HostConnector counting(AtomicInteger opens) {
        SshHostConnector ssh = new SshHostConnector();
        return host -> {
            opens.incrementAndGet();
            return ssh.open(host);
        };
    }

    @Test
    void theOvsFixupIsFollowedByAFreshLoginBeforeStackShRuns() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        SandboxDeploy.Result result = SandboxDeploy.run(dir, 1, counting(opens), "ovs-socket");

        assertThat(result.host().status()).as(result.host().message()).isEqualTo(HostStatus.HEALTHY);
        assertThat(result.host().fixupsApplied()).contains("ovs-socket-permissions");
        assertThat(opens.get()).as("the first login and one after the group change").isEqualTo(2);
    }

    @Test
    void aFixupThatChangesNoGroupKeepsTheConnection() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        SandboxDeploy.Result result = SandboxDeploy.run(dir, 1, counting(opens), "mysql-root");

        assertThat(result.host().status()).as(result.host().message()).isEqualTo(HostStatus.HEALTHY);
        assertThat(result.host().fixupsApplied()).contains("mysql-root-password");
        assertThat(opens.get()).isEqualTo(1);
    }
}
