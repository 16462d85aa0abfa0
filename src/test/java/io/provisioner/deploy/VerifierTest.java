package io.provisioner.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerifierTest {
    @Test
    void apachePathsFollowTheBaseDevStackPrinted() {
        String base = Verifier.apacheBase("http://127.0.1.1:8080/identity/");
        assertThat(base).isEqualTo("http://127.0.1.1:8080");
        assertThat(Verifier.rebase("http://127.0.1.1/identity/v3/", "127.0.1.1", base))
                .isEqualTo("http://127.0.1.1:8080/identity/v3/");
        assertThat(Verifier.rebase("mysql://127.0.1.1:3306", "127.0.1.1", base)).isEqualTo("mysql://127.0.1.1:3306");
    }

    @Test
    void theLegacyKeystonePortIsNotApache() {
        assertThat(Verifier.apacheBase("http://10.0.0.5:5000/")).isNull();
        assertThat(Verifier.rebase("http://10.0.0.5/dashboard", "10.0.0.5", null)).isEqualTo("http://10.0.0.5/dashboard");
    }

    @Test
    void tlsProxyMovesEveryApachePath() {
        String base = Verifier.apacheBase("https://10.0.0.5/identity");
        assertThat(Verifier.rebase("http://10.0.0.5/compute/v2.1", "10.0.0.5", base))
                .isEqualTo("https://10.0.0.5/compute/v2.1");
    }
}
