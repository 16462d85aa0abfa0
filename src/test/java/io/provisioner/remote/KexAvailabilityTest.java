package io.provisioner.remote;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KexAvailabilityTest {

    @Test
    void aSessionIsGivenTheCheckedProposalAndDoesNotCheckAgain() throws Exception {
        Session session = new JSch().getSession("stack", "127.0.0.1", 22);
        KexAvailability.applyTo(session);
        assertThat(session.getConfig("CheckKexes")).isEmpty();
        // every exchange JSch proposes runs on this JVM (Bouncy Castle is on the class path): nothing dropped,
        // JSch's order kept, so what a server negotiates is what it negotiated before
        assertThat(session.getConfig("kex")).isEqualTo(JSch.getConfig("kex"))
                .startsWith("mlkem768x25519-sha256,curve25519-sha256");
    }

    @Test
    void everySessionGetsTheSameAnswer() throws Exception {
        Session first = new JSch().getSession("stack", "127.0.0.1", 22);
        Session second = new JSch().getSession("stack", "127.0.0.2", 22);
        KexAvailability.applyTo(first);
        KexAvailability.applyTo(second);
        assertThat(second.getConfig("kex")).isEqualTo(first.getConfig("kex"));
    }
}
