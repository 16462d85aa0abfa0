package io.provisioner.fixup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalrcSectionTest {
    private static final String CONF = "[[local|localrc]]\nGIT_BASE=git://git.openstack.org\nGIT_BASE=\"git://x\"\n\n"
            + "[[post-config|$NOVA_CONF]]\n[DEFAULT]\nGIT_TIMEOUT=9\n";

    @Test
    void theLastAssignmentInLocalrcWinsAndOtherSectionsDoNotCount() {
        assertThat(LocalrcSection.get(CONF, "GIT_BASE")).contains("git://x");
        assertThat(LocalrcSection.get(CONF, "GIT_TIMEOUT")).isEmpty();
    }

    @Test
    void setReplacesInPlaceOrAppendsToTheSection() {
        assertThat(LocalrcSection.set(CONF, "GIT_BASE", "https://opendev.org"))
                .isEqualTo(CONF.replace("GIT_BASE=\"git://x\"", "GIT_BASE=https://opendev.org"));
        assertThat(LocalrcSection.set(CONF, "GIT_TIMEOUT", "300"))
                .isEqualTo(CONF.replace("\"git://x\"\n\n", "\"git://x\"\nGIT_TIMEOUT=300\n\n"));
        assertThat(LocalrcSection.set("", "GIT_TIMEOUT", "300")).isEqualTo("[[local|localrc]]\nGIT_TIMEOUT=300\n");
    }
}
