package io.provisioner.fixup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryFixupIT {
    @TempDir
    Path root;

    @Test
    void setsGitTimeoutInLocalrcOnlyAndBacksOff() throws Exception {
        Path devstack = Files.createDirectories(root.resolve("opt/stack/devstack"));
        String before = "[[local|localrc]]\nADMIN_PASSWORD=x\nGIT_TIMEOUT=0\n\n[[post-config|$NOVA_CONF]]\n[DEFAULT]\nGIT_TIMEOUT=7\n";
        Files.writeString(devstack.resolve("local.conf"), before);
        RetryFixup fixup = new RetryFixup(Duration.ofMillis(300), Duration.ofSeconds(1));
        FixupContext ctx = TestHosts.context(TestHosts.host(root, "root"), new LocalTestShell(), Map.of("attempt", "2"));

        long t0 = System.nanoTime();
        FixupReport first = new FixupRunner().run(fixup, ctx, false);
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        FixupReport second = new FixupRunner().run(fixup, ctx, false);

        assertThat(first.verified()).as(first.detail()).isTrue();
        assertThat(waitedMs).isGreaterThanOrEqualTo(600);
        assertThat(Files.readString(devstack.resolve("local.conf")))
                .isEqualTo(before.replace("GIT_TIMEOUT=0\n", "GIT_TIMEOUT=300\n"));
        assertThat(second.detected()).isFalse();
        assertThat(fixup.backoff(0)).isZero();
        assertThat(fixup.backoff(5)).isEqualTo(Duration.ofSeconds(1));
    }
}
