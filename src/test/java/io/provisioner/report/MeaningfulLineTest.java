package io.provisioner.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which stack.sh lines a live status line shows, and how. */
class MeaningfulLineTest {
    @Test
    void shellBookkeepingIsLeftOut() {
        assertThat(MeaningfulLine.of("+ functions-common:is_service_enabled:1970 :   [[ '' == \\T\\r\\u\\e ]]")).isNull();
        assertThat(MeaningfulLine.of("+ lib/apt:apt_get:44 :   local sudo=sudo")).isNull();
        assertThat(MeaningfulLine.of("+ stack.sh:main:300 :   NOVA_ENABLED=True")).isNull();
        assertThat(MeaningfulLine.of("+ stack.sh:main:342 :   echo_summary 'Installing package prerequisites'")).isNull();
        assertThat(MeaningfulLine.of("+ lib/apt:apt_get:50 :   '[' 127.0.0.1 == '' ']'")).isNull();
        assertThat(MeaningfulLine.of("+ functions-common:apt_get:1200 :   _apt_env")).isNull();
        assertThat(MeaningfulLine.of("+ functions-common:run_process:1500 :   time_stop run_process")).isNull();
        assertThat(MeaningfulLine.of("   ")).isNull();
        assertThat(MeaningfulLine.of("=========")).isNull();
    }

    @Test
    void commandsAndTheirOutputShowWithoutPs4ColourOrTimestamps() {
        assertThat(MeaningfulLine.of("\033[0;33m+functions-common:git_timed:599 git clone https://opendev.org/openstack/nova\033[0m"))
                .isEqualTo("git clone https://opendev.org/openstack/nova");
        assertThat(MeaningfulLine.of("+ lib/apt:apt_get:44 :   sudo DEBIAN_FRONTEND=noninteractive apt-get install -y mysql-server"))
                .isEqualTo("sudo DEBIAN_FRONTEND=noninteractive apt-get install -y mysql-server");
        assertThat(MeaningfulLine.of("2026-12-07 01:02:03.123 | Collecting oslo.config")).isEqualTo("Collecting oslo.config");
    }
}
