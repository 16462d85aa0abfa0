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

    @Test
    void stripsTheProvisioningToolsPrefixes() {
        assertThat(LogLine.normalize("==> default: +functions-common:git_timed:660  die 660 'git call failed'"))
                .isEqualTo("+functions-common:git_timed:660  die 660 'git call failed'");
        assertThat(LogLine.normalize("    default: [ERROR] /opt/stack/devstack/functions-common:660 git call failed"))
                .isEqualTo("[ERROR] /opt/stack/devstack/functions-common:660 git call failed");
        assertThat(LogLine.normalize("Notice: /Stage[main]/Devstack/Exec[stack.sh]/returns: Error on exit"))
                .isEqualTo("Error on exit");
        assertThat(LogLine.normalize("[10.0.0.5] out: 2016-05-03 08:01:03.667 | + ./stack.sh:main:880 install_nova"))
                .isEqualTo("+ ./stack.sh:main:880 install_nova");
        assertThat(LogLine.normalize("2024-01-08T11:29:57.1234567Z ==> controller: Error on exit"))
                .isEqualTo("Error on exit");
    }

    @Test
    void keepsIndentedProgramOutputThatOnlyLooksLikeAPrefix() {
        assertThat(LogLine.normalize("    error: subprocess-exited-with-error")).isEqualTo("    error: subprocess-exited-with-error");
        assertThat(LogLine.normalize("    Found existing installation: simplejson 3.16.0"))
                .isEqualTo("    Found existing installation: simplejson 3.16.0");
        assertThat(LogLine.normalize("[Call Trace]")).isEqualTo("[Call Trace]");
        assertThat(LogLine.normalize("2016-05-03 08:01:03.667 INFO neutron [-] started"))
                .isEqualTo("2016-05-03 08:01:03.667 INFO neutron [-] started");
    }

    @Test
    void unwrapsAnAnsibleStdoutLinesElement() {
        // Zuul's job-output.txt relaying an Ansible task's pretty-printed stdout_lines, with stack.sh's own stamp inside
        assertThat(LogLine.normalize("2021-02-09 07:28:24.296 | ubuntu-focal |         "
                + "\"2021-02-09 07:28:24.178 | + inc/python:pip_install:362 :   sudo -H pip install 'tox!=2.8.0'\","))
                .isEqualTo("+ inc/python:pip_install:362 :   sudo -H pip install 'tox!=2.8.0'");
        assertThat(LogLine.normalize("        \"[ERROR] ./stack.sh:235 If you wish to run this script anyway run with FORCE=yes\""))
                .isEqualTo("[ERROR] ./stack.sh:235 If you wish to run this script anyway run with FORCE=yes");
        assertThat(LogLine.normalize("    \"ERROR: Cannot uninstall \\\"PyYAML\\\". \\u001b[0m\\tdone\","))
                .isEqualTo("ERROR: Cannot uninstall \"PyYAML\". \tdone");
    }

    @Test
    void keepsQuotedTextThatIsNoSingleJsonString() {
        assertThat(LogLine.normalize("    \"changed\": false,")).isEqualTo("    \"changed\": false,");
        assertThat(LogLine.normalize("\"not indented\",")).isEqualTo("\"not indented\",");
        assertThat(LogLine.normalize("    \"broken \\q escape\"")).isEqualTo("    \"broken \\q escape\"");
        assertThat(LogLine.normalize("    \"unterminated")).isEqualTo("    \"unterminated");
    }
}
