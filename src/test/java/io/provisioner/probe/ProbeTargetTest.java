package io.provisioner.probe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeTargetTest {

    @Test
    void parsesEverySchemeWithItsDefaultPort() {
        assertThat(ProbeTarget.parse("mysql://db").port()).isEqualTo(3306);
        assertThat(ProbeTarget.parse("amqp://mq").port()).isEqualTo(5672);
        assertThat(ProbeTarget.parse("memcached://m").port()).isEqualTo(11211);
        assertThat(ProbeTarget.parse("redis://r").port()).isEqualTo(6379);
        assertThat(ProbeTarget.parse("git://opendev.org").port()).isEqualTo(9418);
        assertThat(ProbeTarget.parse("https://h").port()).isEqualTo(443);
        ProbeTarget http = ProbeTarget.parse("http://10.0.0.5/identity/v3/");
        assertThat(http.port()).isEqualTo(80);
        assertThat(http.path()).isEqualTo("/identity/v3/");
        assertThat(ProbeTarget.parse("http://h:8080").path()).isEqualTo("/");
        assertThat(ProbeTarget.parse("tcp://h:22").protocol()).isEqualTo(ProbeTarget.Protocol.TCP);
    }

    @Test
    void keepsIpv6LiteralsAndQueries() {
        ProbeTarget t = ProbeTarget.parse("http://[::1]:8080/a?b=c");
        assertThat(t.host()).isEqualTo("::1");
        assertThat(t.authority()).isEqualTo("[::1]:8080");
        assertThat(t.path()).isEqualTo("/a?b=c");
    }

    @Test
    void malformedTargetsGetOneLineNamingTheProblem() {
        assertThatThrownBy(() -> ProbeTarget.parse("tcp://h")).hasMessageContaining("needs a port");
        assertThatThrownBy(() -> ProbeTarget.parse("ftp://h:21")).hasMessageContaining("unknown scheme 'ftp'");
        assertThatThrownBy(() -> ProbeTarget.parse("h:80")).hasMessageContaining("no scheme");
        assertThatThrownBy(() -> ProbeTarget.parse("tcp://h:99999")).hasMessageContaining("port");
        assertThatThrownBy(() -> ProbeTarget.parse("tcp://:80")).hasMessageContaining("host");
        assertThatThrownBy(() -> ProbeTarget.parse("mysql://db:3306/x")).hasMessageContaining("takes no path");
        assertThatThrownBy(() -> ProbeTarget.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ProbeTarget.parse("tcp://h:8o")).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("\n");
    }
}
