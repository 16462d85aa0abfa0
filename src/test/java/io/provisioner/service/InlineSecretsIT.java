package io.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioner.lab.FreePort;
import io.provisioner.service.auth.Principal;
import io.provisioner.service.auth.Role;
import io.provisioner.service.auth.TokenStore;
import io.provisioner.service.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With --allow-inline-secrets a spec with literal passwords is accepted and run, but no answer, event,
 * report or database row carries a password: the stored spec is masked, the real one stays in memory.
 */
class InlineSecretsIT {
    static final String PASSWORD = "Inl1neAdminPw";
    static final String OTHER = "Inl1neDbPw";

    @TempDir
    Path state;

    @Test
    void inlinePasswordsAreUsedButNeverStoredOrAnswered() throws Exception {
        TokenStore tokens = TokenStore.of(List.of(new Principal("ops", Role.OPERATOR)), List.of("inline-token"));
        // a target without our SSH server (a free port): the run starts and ends unreachable or failed, touching nothing
        String spec = "version: 1\ndefaults:\n  passwords: {admin: " + PASSWORD + ", database: " + OTHER + ", rabbit: "
                + OTHER + ", service: " + OTHER + "}\nhosts:\n  - {name: ctl, address: 127.0.0.1, role: controller, "
                + "ssh: {port: " + FreePort.on("127.0.0.1") + "}}\n";
        String id;
        try (ProvisionerService service = ProvisionerService.start(
                new ServiceConfig("127.0.0.1", 0, null, null, 1, state, true), tokens, Map.of())) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + service.port(), "inline-token");
            HttpResponse<String> validate = api.post("/api/v1/validate", "{\"spec\": " + ApiClient.quote(spec) + "}");
            assertThat(ApiClient.json(validate).get("valid").asBoolean()).isTrue();
            id = api.submit("{\"spec\": " + ApiClient.quote(spec) + "}");
            JsonNode run = api.awaitEnd(id, Duration.ofMinutes(2));
            assertThat(run.get("outcome").asText()).as(run.toString()).isIn("unreachable", "failed");
            assertThat(run.get("spec").asText()).contains("admin: ****").doesNotContain(PASSWORD).doesNotContain(OTHER);
            for (String path : List.of("/api/v1/runs/" + id, "/api/v1/runs/" + id + "/events", "/api/v1/runs",
                    "/api/v1/runs/" + id + "/report.json", "/api/v1/runs/" + id + "/report.xml")) {
                assertThat(api.get(path).body()).as(path).doesNotContain(PASSWORD).doesNotContain(OTHER);
            }
        }
        try (Database db = Database.open(Database.defaultUrl(state), 2); Connection c = db.connection();
             Statement st = c.createStatement()) {
            for (String table : List.of("runs", "run_journal", "run_events", "run_logs", "scheduled_tasks")) {
                try (ResultSet rs = st.executeQuery("select * from " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    int rows = 0;
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            assertThat(value == null ? "" : value).as(table).doesNotContain(PASSWORD).doesNotContain(OTHER);
                        }
                    }
                    if (table.equals("runs") || table.equals("run_events")) {
                        assertThat(rows).as(table + " rows").isPositive();
                    }
                }
            }
        }
    }
}
