package io.provisioner.lab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbServerIT {

    @Test
    void startsPrivatelyWithRootPasswordAndExtraOptions() {
        try (MariaDbServer db = MariaDbServer.builder().rootPassword("Lab1pass").option("max_connect_errors", "3").start()) {
            assertThat(db.runAsRoot("SELECT @@max_connect_errors, @@port").strip()).isEqualTo("3\t" + db.port());
            assertThat(db.client("root", "wrong", "SELECT 1").ok()).isFalse();
            assertThat(db.clientTcp("127.0.0.1", "root", "Lab1pass", "SELECT 1").ok()).isTrue();
            db.setRootPassword("Other2pass");
            assertThat(db.client("root", "Lab1pass", "SELECT 1").output()).contains("1045");
            assertThat(db.runAsRoot("SELECT 2").strip()).isEqualTo("2");
        }
    }
}
