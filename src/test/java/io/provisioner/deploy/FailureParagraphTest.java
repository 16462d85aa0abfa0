package io.provisioner.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailureParagraphTest {
    @Test
    void aFixUpRunBeforeEachRetryIsNamedOnceWithItsCount() {
        assertThat(FailureParagraph.counted(List.of("unstack", "mysql-root-password", "unstack")))
                .isEqualTo("unstack (2 times), mysql-root-password");
    }

    @Test
    void fixUpsRunOnceKeepTheirOrder() {
        assertThat(FailureParagraph.counted(List.of("git-https", "apt-sources"))).isEqualTo("git-https, apt-sources");
    }
}
