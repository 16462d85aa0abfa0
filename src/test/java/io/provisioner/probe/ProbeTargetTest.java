package io.provisioner.probe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

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

    @Test
    void theShortcutForHostAndPortReadsEveryTargetAsTheUriParserDoes() {
        List<String> texts = new ArrayList<>(List.of("tcp://127.0.0.1:22", "tcp://10.0.0.255:65535", "TCP://Host-1.example.org:80",
                "http://h:8080", "https://keystone.lab:5000", "git://opendev.org:9418", "mysql://db:3306",
                "tcp://256.1.1.1:22", "tcp://1.2.3:22", "tcp://1.2.3.4.5:22", "tcp://-h:22", "tcp://h-:22", "tcp://a..b:22",
                "tcp://h.:22", "tcp://.h:22", "tcp://9h:22", "tcp://h.9:22", "tcp://h:0", "tcp://h:65536", "tcp://h:00022",
                "tcp://h:", "tcp://h:+22", "tcp://h_1:22", "tcp://user@h:22", "tcp://[::1]:22", "tcp://h:22/", "tcp://h:022 "));
        Random random = new Random(18);
        String alphabet = "0123456789.abzAZ-_:/@[]%";
        for (int n = 0; n < 5000; n++) {
            StringBuilder host = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                host.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add("tcp://" + host + (random.nextBoolean() ? ":" + random.nextInt(70000) : ""));
            texts.add("http://" + host + ":" + random.nextInt(1000));
        }
        for (String text : texts) {
            assertThat(outcome(() -> ProbeTarget.parse(text))).as(text).isEqualTo(outcome(() -> throughUri(text)));
        }
    }

    /** What {@link ProbeTarget#parse} gave before the shortcut: everything through {@link java.net.URI}. */
    private static ProbeTarget throughUri(String text) {
        String s = text.strip();
        String scheme = s.substring(0, s.indexOf("://")).toLowerCase(Locale.ROOT);
        return ProbeTarget.parseAsUri(s, scheme, ProbeTarget.Protocol.valueOf(scheme.toUpperCase(Locale.ROOT)));
    }

    private static String outcome(java.util.function.Supplier<ProbeTarget> parse) {
        try {
            ProbeTarget t = parse.get();
            return String.join(" | ", t.protocol().name(), t.host(), String.valueOf(t.port()), t.path(), t.text());
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
    }
}
