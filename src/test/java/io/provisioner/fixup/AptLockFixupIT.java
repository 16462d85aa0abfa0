package io.provisioner.fixup;

import io.provisioner.lab.DpkgLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AptLockFixupIT {
    @TempDir
    Path root;

    private FixupContext ctx(Path lock) {
        return TestHosts.context(TestHosts.host(root, "root"), new LocalTestShell(),
                Map.of("lock_paths", lock + "," + root.resolve("absent-lock")));
    }

    @Test
    void namesTheLiveHolderAndNeverDeletesItsLock() throws Exception {
        Path lock = root.resolve("var/lib/dpkg/lock-frontend");
        try (DpkgLock held = DpkgLock.hold(lock, Duration.ofSeconds(120))) {
            AptLockFixup fixup = new AptLockFixup(Duration.ofSeconds(2), Duration.ofMillis(200));
            Detection d = fixup.detect(ctx(lock));
            assertThat(d.found()).isTrue();
            assertThat(d.findings()).singleElement().asString().contains(lock.toString()).contains("flock");

            FixupReport r = new FixupRunner().run(fixup, ctx(lock), false);

            assertThat(r.verified()).isFalse();
            assertThat(r.detail()).contains("still locked").contains("flock");
            assertThat(lock).exists();
            assertThat(held.isAlive()).isTrue();
        }
    }

    @Test
    void waitsForTheHolderToFinish() throws Exception {
        Path lock = root.resolve("var/lib/dpkg/lock-frontend");
        // 8 s: the first run must still find the lock held (2 s could pass before it looked on a loaded
        // machine), and the holder is gone well within the fix-up's 30 s wait
        try (DpkgLock held = DpkgLock.hold(lock, Duration.ofSeconds(8))) {
            AptLockFixup fixup = new AptLockFixup(Duration.ofSeconds(30), Duration.ofMillis(200));

            FixupReport first = new FixupRunner().run(fixup, ctx(lock), false);
            FixupReport second = new FixupRunner().run(fixup, ctx(lock), false);

            assertThat(first.detected()).isTrue();
            assertThat(first.verified()).as(first.detail()).isTrue();
            assertThat(second.detected()).isFalse();
            assertThat(second.applied()).isFalse();
            assertThat(second.verified()).isTrue();
            assertThat(lock).exists();
        }
    }

    @Test
    void anUnheldLockFileIsNotAProblem() throws Exception {
        Path lock = root.resolve("lock");
        Files.writeString(lock, "");
        assertThat(new AptLockFixup().detect(ctx(lock)).found()).isFalse();
    }
}
