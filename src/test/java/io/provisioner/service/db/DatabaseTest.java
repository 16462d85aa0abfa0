package io.provisioner.service.db;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening the service's database: Flyway's migrations on a real embedded H2. */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aDatabaseMigratedToV3BeforeV2ExistedGetsV2WhenOpened() throws Exception {
        // V2 (read paths) and V3 (live logs) were written on two branches at once: a database made by the
        // branch that had only V1 and V3 must still open, and get V2, once both are merged
        Path onlyV1AndV3 = Files.createDirectories(dir.resolve("v1-v3"));
        copy("V1__service_schema.sql", onlyV1AndV3);
        copy("V3__live_logs.sql", onlyV1AndV3);
        String url = Database.defaultUrl(dir.resolve("state"));
        Flyway.configure().dataSource(DatabaseKind.H2.effectiveUrl(url), null, null)
                .locations("filesystem:" + onlyV1AndV3).load().migrate();

        try (Database db = Database.open(url, 2); Connection c = db.connection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from run_hosts")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    private static void copy(String migration, Path to) throws IOException {
        try (InputStream in = DatabaseTest.class.getResourceAsStream("/db/migration/" + migration)) {
            assertThat(in).as(migration).isNotNull();
            Files.copy(in, to.resolve(migration));
        }
    }
}
