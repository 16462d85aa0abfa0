package io.provisioner.remote;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The small pure pieces: line splitting, command lines, bastion parsing, back-off, masking. */
class RemotePartsTest {
    @Test
    void splitsLinesAcrossChunksWithoutBreakingUtf8() {
        List<String> lines = new ArrayList<>();
        LineSplitter s = new LineSplitter(lines::add);
        byte[] b = "héllo\r\nwörld\npart".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            s.feed(b, i, 1);
        }
        assertThat(lines).containsExactly("héllo", "wörld");
        assertThat(s.pendingBytes()).isEqualTo(4);
        s.finish();
        assertThat(lines).containsExactly("héllo", "wörld", "part");
    }

    @Test
    void wrapsCommandsInTimeoutAndSudoOutsideIt() {
        RemoteCommand c = RemoteCommand.of("echo", "a b").withTimeout(Duration.ofMillis(1500)).asRoot();
        assertThat(RemoteCommandLine.of(c)).isEqualTo("sudo -n -- timeout -k 5 1.500 echo 'a b'");
    }

    @Test
    void parsesBastionSpecs() {
        SshTarget t = SshTarget.of("lab1", "10.0.0.5", 22, "stack").withJump("ops@bastion.example:2222");
        SshTarget b = Connector.bastionTarget(t);
        assertThat(b.user()).isEqualTo("ops");
        assertThat(b.address()).isEqualTo("bastion.example");
        assertThat(b.port()).isEqualTo(2222);
        SshTarget plain = Connector.bastionTarget(t.withJump("jump"));
        assertThat(plain.user()).isEqualTo("stack");
        assertThat(plain.port()).isZero();
    }

    @Test
    void backOffDoublesUpToItsCap() {
        Connector.Backoff b = new Connector.Backoff(6, Duration.ofMillis(100), Duration.ofMillis(350));
        assertThat(List.of(b.delayBefore(2), b.delayBefore(3), b.delayBefore(4), b.delayBefore(5)))
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350), Duration.ofMillis(350));
    }

    @Test
    void neverPrintsThePassphraseOrEnvironmentValues() {
        SshTarget t = SshTarget.of("lab1", "h", 22, "u").withIdentity("/k", "Sup3rSecret");
        assertThat(t.toString()).doesNotContain("Sup3rSecret").contains("***");
        DetachedSpec d = new DetachedSpec("x", List.of("true"), "/", "/l", "/e", "/k", Map.of("PW", "Hidden123"), null);
        assertThat(d.toString()).doesNotContain("Hidden123").contains("PW");
    }
}
