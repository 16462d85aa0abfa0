package io.provisioner.fixup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixupCatalogTest {
    @Test
    void holdsExactlyTheTenDesignNames() {
        assertThat(FixupCatalog.names()).containsExactly("git-https", "no-proxy", "mysql-root-password", "ovs-socket-permissions",
                "unstack", "apt-sources", "apt-lock", "pip-distutils", "stack-dir-ownership", "retry");
        FixupCatalog.names().forEach(n -> assertThat(FixupCatalog.byName(n)).get().extracting(Fixup::name).isEqualTo(n));
        assertThat(FixupCatalog.byName("chmod-777")).isEmpty();
    }
}
