package io.provisioner.sandbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxFaultTest {
    @Test
    void seedNamesTheArticlesSixFailures() {
        assertThat(SandboxFault.parse(List.of("seed"))).containsExactlyInAnyOrder(SandboxFault.GIT_PROTOCOL,
                SandboxFault.STALE_RUN, SandboxFault.APT_SOURCE, SandboxFault.MYSQL_ROOT, SandboxFault.OVS_SOCKET,
                SandboxFault.NO_PROXY);
    }

    @Test
    void noneIsEmptyAndListsCombine() {
        assertThat(SandboxFault.parse(List.of("none"))).isEmpty();
        assertThat(SandboxFault.parse(List.of("apt-lock,disk-full", "mysql-root")))
                .containsExactlyInAnyOrder(SandboxFault.APT_LOCK, SandboxFault.DISK_FULL, SandboxFault.MYSQL_ROOT);
    }

    @Test
    void unknownFaultNamesTheKnownOnes() {
        assertThatThrownBy(() -> SandboxFault.parse(List.of("git-protcol")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown fault 'git-protcol'").hasMessageContaining("git-protocol");
    }

    @Test
    void optionsRefuseAnUnknownEra() {
        assertThatThrownBy(() -> new SandboxOptions(1, "2019", java.util.Set.of("none"), null, false))
                .hasMessageContaining("'current' or '2016'");
    }
}
