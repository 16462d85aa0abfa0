package io.provisioner.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The class-level extension driven by hand around real components, the way JUnit drives it around a test
 * class: the component is there between beforeAll and afterAll, and afterwards its port is closed and its
 * files are gone.
 */
class ClassLabIT {

    @Test
    void aGitDaemonServesTheClassesRepositoriesAndLeavesNothingBehind() throws Exception {
        ClassLab<GitDaemon> lab = GitDaemon.perClass("openstack/nova");
        assertThatThrownBy(lab::get).hasMessageContaining("not running");
        lab.beforeAll(null);
        GitDaemon daemon = lab.get();
        Path base = daemon.base();
        try {
            String heads = LabCommand.run("git", "ls-remote", daemon.url() + "/openstack/nova", "HEAD");
            assertThat(heads).contains("HEAD");
        } finally {
            lab.afterAll(null);
        }
        assertThat(base.getParent()).doesNotExist();
        assertThat(LabCommand.tryRun(List.of("git", "ls-remote", daemon.url() + "/openstack/nova", "HEAD")).exit())
                .as("the daemon is gone").isNotZero();
        assertThatThrownBy(lab::get).hasMessageContaining("not running");
    }

    @Test
    void aTinyproxyIsUpForTheClassAndItsPortClosedAfter() throws Exception {
        ClassLab<Tinyproxy> lab = Tinyproxy.perClass(proxy -> proxy.connectPorts(443));
        lab.beforeAll(null);
        Tinyproxy proxy = lab.get();
        try {
            WaitCondition.portAccepting(proxy.host(), proxy.port()).await(Duration.ofSeconds(1));
            assertThat(Files.readString(proxy.logFile().resolveSibling("tinyproxy.conf"))).contains("ConnectPort 443");
        } finally {
            lab.afterAll(null);
        }
        assertThatThrownBy(() -> WaitCondition.portAccepting(proxy.host(), proxy.port()).await(Duration.ofMillis(200)))
                .hasMessageContaining("not ready");
        assertThat(proxy.logFile().getParent()).doesNotExist();
    }
}
