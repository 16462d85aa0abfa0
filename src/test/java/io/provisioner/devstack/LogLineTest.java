package io.provisioner.devstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogLineTest {
    @Test
    void stripsOutfilterTimestamp() {
        assertThat(LogLine.normalize("2016-05-03 08:01:03.667 | stack.sh completed in 2574 seconds."))
                .isEqualTo("stack.sh completed in 2574 seconds.");
    }

    @Test
    void stripsZuulTimestampAndHostPrefixes() {
        assertThat(LogLine.normalize("2024-03-12 10:15:02.345678 | controller | 2024-03-12 10:15:02.301 | Error on exit"))
                .isEqualTo("Error on exit");
    }

    @Test
    void stripsAnsiColourAndReadlineMarkers() {
        String raw = "+\u0001\u001b[38;5;242m\u0002functions-common:git_timed:599\u0001\u001b(B\u001b[m\u0002 timeout -s SIGINT 0 git clone x";
        assertThat(LogLine.normalize(raw)).isEqualTo("+functions-common:git_timed:599 timeout -s SIGINT 0 git clone x");
    }

    @Test
    void keepsPlainLinesAndPipesInText() {
        assertThat(LogLine.normalize("foo | bar")).isEqualTo("foo | bar");
        assertThat(LogLine.normalize("2016-05-03 is a date | not a stamp")).isEqualTo("2016-05-03 is a date | not a stamp");
    }

    @Test
    void dropsTrailingCarriageReturn() {
        assertThat(LogLine.normalize("Error on exit\r")).isEqualTo("Error on exit");
    }

    @Test
    void stripsTheAwkStampOfStackShBefore2015() {
        assertThat(LogLine.normalize("2014-08-12 16:46:52 + init_neutron")).isEqualTo("+ init_neutron");
        assertThat(LogLine.normalize("2014-08-12 16:46:52 ImportError: No module named contrail_plugin_core"))
                .isEqualTo("ImportError: No module named contrail_plugin_core");
        assertThat(LogLine.normalize("2014-08-12 16:46:52.123 | + init_neutron")).isEqualTo("+ init_neutron");
    }
}
