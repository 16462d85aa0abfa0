package io.provisioner.remote;

import com.jcraft.jsch.JSch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CurveImplementationsTest {

    @Test
    void withBouncyCastleOnTheClassPathItsX25519AndEd25519AreChosen() {
        assertThat(CurveImplementations.choose()).isTrue();
        assertThat(JSch.getConfig("xdh")).isEqualTo("com.jcraft.jsch.bc.XDH");
        assertThat(JSch.getConfig("ssh-ed25519")).isEqualTo("com.jcraft.jsch.bc.SignatureEd25519");
        assertThat(JSch.getConfig("keypairgen.eddsa")).isEqualTo("com.jcraft.jsch.bc.KeyPairGenEdDSA");
    }

    @Test
    void theKeyExchangeProposalIsUnchanged() throws Exception {
        CurveImplementations.choose();
        com.jcraft.jsch.Session session = new JSch().getSession("stack", "127.0.0.1", 22);
        KexAvailability.applyTo(session);
        assertThat(session.getConfig("kex")).startsWith("mlkem768x25519-sha256,curve25519-sha256");
    }
}
