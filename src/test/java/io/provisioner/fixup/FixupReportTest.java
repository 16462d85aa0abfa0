package io.provisioner.fixup;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one line a fix-up leaves on the console, in the journal and in the reports. */
class FixupReportTest {
    private static final String STAT_DUMP = "  File: /var/run/openvswitch/db.sock\n  Size: 0  Blocks: 0  IO Block: 4096"
            + " socket\nDevice: 0,25 Inode: 1234 Links: 1\n" + "Access: (0750/srwxr-x---) Uid: (0/root) Gid: (0/root)\n"
            .repeat(20);

    @Test
    void anAppliedFixupSaysWhatItChangedAndHowItVerifiedNotTheSymptom() {
        FixupReport report = new FixupReport("mysql-root-password", true, true, true,
                List.of("root@127.0.0.1:3306 refuses the spec's database password: ERROR 1045 (28000): Access denied"),
                "127.0.0.1:3306 logs in with the spec's password as 10.11.6-MariaDB",
                "reset MySQL root's password to the spec's database password");

        assertThat(report.summary()).isEqualTo("reset MySQL root's password to the spec's database password; verified: "
                + "127.0.0.1:3306 logs in with the spec's password as 10.11.6-MariaDB").doesNotContain("ERROR 1045");
    }

    @Test
    void rawOutputInTheVerificationStaysOutOfTheLine() {
        FixupReport report = new FixupReport("ovs-socket-permissions", true, true, false, List.of(STAT_DUMP),
                "ovs-vsctl as stack still fails: " + STAT_DUMP, "give stack access to db.sock through group openvswitch");

        assertThat(report.summary()).doesNotContain("\n").hasSizeLessThan(400).startsWith("give stack access")
                .contains("not verified");
    }

    @Test
    void aFixupThatFoundNothingSaysSo() {
        FixupReport report = new FixupReport("pip-distutils", false, false, true, List.of(),
                "no distutils uninstall failure to fix", null);

        assertThat(report.summary()).isEqualTo("nothing to change; no distutils uninstall failure to fix");
    }
}
