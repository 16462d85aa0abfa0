package io.provisioner.devstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhaseTrackerTest {
    @Test
    void followsEchoSummaryInXtraceAndPlainSummaryLines() {
        StackLogReader r = new StackLogReader();
        assertThat(r.phase()).isEqualTo("Starting stack.sh");
        r.accept("+ ./stack.sh:main:786                     :   echo_summary 'Installing package prerequisites'");
        assertThat(r.phase()).isEqualTo("Installing package prerequisites");
        r.accept("2024-03-12 10:20:01.000 | Installing OpenStack project source");
        assertThat(r.phase()).isEqualTo("Installing OpenStack project source");
        r.accept("+lib/keystone:start_keystone:514          wait_for_service 60 http://h/identity/v3/");
        assertThat(r.phase()).isEqualTo("Starting Keystone");
        r.accept("+ ./stack.sh:main:1584 :   echo_summary 'stack.sh completed in 123 seconds.'");
        assertThat(r.phase()).isEqualTo("Starting Keystone");
    }

    @Test
    void ignoresSummariesWithShellVariables() {
        PhaseTracker p = new PhaseTracker();
        p.accept("", Ps4Frame.parse("+ ./stack.sh:main:1 :   echo_summary \"Configuring $SOMETHING\""));
        assertThat(p.current()).isEqualTo("Starting stack.sh");
    }
}
