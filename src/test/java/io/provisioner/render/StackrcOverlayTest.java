package io.provisioner.render;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackrcOverlayTest {
    private static final String STACKRC = "# stackrc\nGIT_BASE=${GIT_BASE:-https://opendev.org}\n";

    @Test
    void appendsOneMarkedBlockAtTheEnd() {
        String out = StackrcOverlay.applyTo(STACKRC, "export GIT_BASE=https://x\n");
        assertThat(out).isEqualTo(STACKRC + StackrcOverlay.BEGIN + "\nexport GIT_BASE=https://x\n" + StackrcOverlay.END + "\n");
    }

    @Test
    void replacesAnEarlierBlockInsteadOfAddingASecond() {
        String once = StackrcOverlay.applyTo(STACKRC + "FOO=1", "export A=1\n");
        String again = StackrcOverlay.applyTo(once + "# later line\n", "export A=2\n");
        assertThat(again).contains("export A=2").doesNotContain("export A=1").contains("# later line\n" + StackrcOverlay.BEGIN);
        assertThat(again.split(StackrcOverlay.BEGIN, -1)).hasSize(2);
    }

    @Test
    void removeRestoresTheOriginal() {
        assertThat(StackrcOverlay.remove(StackrcOverlay.applyTo(STACKRC, "export A=1\n"))).isEqualTo(STACKRC);
    }

    @Property
    void applyingTwiceEqualsApplyingOnce(@ForAll String existing, @ForAll String overlayWord) {
        String overlay = "export X=" + overlayWord.replace("\n", "") + "\n";
        String once = StackrcOverlay.applyTo(existing, overlay);
        assertThat(StackrcOverlay.applyTo(once, overlay)).isEqualTo(once);
    }
}
