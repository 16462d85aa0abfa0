package io.provisioner.probe;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DialerTest {

    @Test
    void aCanonicalDottedQuadIsTheAddressTheJdkReadsAndItsOwnText() throws Exception {
        Random random = new Random(18);
        List<String> fixed = List.of("0.0.0.0", "127.0.0.1", "255.255.255.255", "10.233.7.4", "1.2.3.4", "100.0.10.200");
        for (int n = 0; n < 5000 + fixed.size(); n++) {
            String host = n < fixed.size() ? fixed.get(n) : random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256) + "." + random.nextInt(256);
            InetAddress ours = Dialer.dottedQuad(host);
            InetAddress jdks = InetAddress.getAllByName(host)[0];
            assertThat(ours).as(host).isEqualTo(jdks);
            assertThat(ours.getHostAddress()).as(host).isEqualTo(host);
            // no host name, as the JDK's literal parsing leaves it (toString shows it)
            assertThat(ours.toString()).as(host).isEqualTo(jdks.toString());
        }
    }

    @Test
    void anythingElseIsLeftToTheJdk() {
        for (String host : List.of("", "1.2.3", "1.2.3.4.5", "1.2.3.256", "256.1.1.1", "01.2.3.4", "1.2.3.04", "1.2.3.00",
                "1..2.3", ".1.2.3", "1.2.3.4.", "1.2.3.-4", "a.b.c.d", "localhost", "::1", "1.2.3.4 ", "1.2.3.4444",
                "0x7f.0.0.1", "1234.1.1.1")) {
            assertThat(Dialer.dottedQuad(host)).as(host).isNull();
        }
    }
}
