package io.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioner.lab.ClassLab;
import io.provisioner.lab.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@code serve} processes on one real PostgreSQL share the work through db-scheduler: every run is
 * executed exactly once, by either instance; and the service rides out the database going away.
 */
class ServiceOnPostgresIT {
    static final String TOKEN = "pg-operator-token";
    @RegisterExtension
    static final ClassLab<PostgresServer> POSTGRES = PostgresServer.perClass();
    static PostgresServer pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() {
        pg = POSTGRES.get();
    }

    static ServeProcess serve(Path dir, String name, int workers) {
        return ServeProcess.start(dir, name, Map.of("PROVISIONER_API_TOKEN", TOKEN), "--db", pg.jdbcUrl(),
                "--workers", String.valueOf(workers));
    }

    @Test
    void tenSandboxRunsOnTwoInstancesAreEachExecutedExactlyOnceSpreadOverBoth() {
        try (ServeProcess a = serve(dir, "a", 2); ServeProcess b = serve(dir, "b", 2)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add((i % 2 == 0 ? a : b).client(TOKEN).submit("{\"sandbox\": {\"faults\": \"none\"}}"));
            }
            Set<String> instances = new HashSet<>();
            for (String id : ids) {
                JsonNode run = a.client(TOKEN).awaitEnd(id, Duration.ofMinutes(12));
                assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("healthy");
                assertThat(run.get("executions").asInt()).as(id).isEqualTo(1);
                instances.add(run.get("instance").asText());
                List<SseEvent> events = SseEvent.parse(b.client(TOKEN).get("/api/v1/runs/" + id + "/events").body());
                assertThat(events).filteredOn(e -> e.event().equals("state")).hasSize(1);
                assertThat(events).filteredOn(e -> e.event().equals("finished")).hasSize(1);
                assertThat(events).filteredOn(e -> e.event().equals("step_started") && e.data().contains("\"step\":\"stack\""))
                        .hasSize(1);
            }
            assertThat(instances).containsExactlyInAnyOrder(a.instance(), b.instance());
            assertThat(pg.sql("select count(*) from scheduled_tasks")).isEqualTo("0");
        }
    }

    @Test
    void theDatabaseAwayForTenSecondsIsA503AndNoRunIsLostOrRepeated() throws Exception {
        try (ServeProcess a = serve(dir, "outage", 2)) {
            ApiClient api = a.client(TOKEN);
            String first = api.submit("{\"sandbox\": {\"faults\": \"none\"}}");
            String second = api.submit("{\"sandbox\": {\"faults\": \"none\"}}");
            await().atMost(Duration.ofMinutes(2)).until(() -> api.run(first).get("state").asText().equals("running"));
            pg.stop();
            long away = System.nanoTime();
            try {
                HttpResponse<String> health = new ApiClient(api.base(), null).get("/healthz");
                assertThat(health.statusCode()).isEqualTo(503);
                HttpResponse<String> list = api.get("/api/v1/runs");
                assertThat(list.statusCode()).isEqualTo(503);
                assertThat(list.headers().firstValue("Retry-After")).contains("5");
                assertThat(ApiClient.json(list).get("error").asText()).startsWith("the database is not answering");
                assertThat(api.post("/api/v1/runs", "{\"sandbox\": {}}").statusCode()).isEqualTo(503);
                Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - away) / 1_000_000));
            } finally {
                pg.restart();
            }
            await("the API answers again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> api.get("/api/v1/runs").statusCode() == 200);
            for (String id : List.of(first, second)) {
                JsonNode run = api.awaitEnd(id, Duration.ofMinutes(6));
                assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("healthy");
                assertThat(run.get("executions").asInt()).as(id).isEqualTo(1);
                List<SseEvent> events = SseEvent.parse(api.get("/api/v1/runs/" + id + "/events").body());
                assertThat(events).filteredOn(e -> e.event().equals("step_started") && e.data().contains("\"step\":\"stack\""))
                        .hasSize(1);
                assertThat(events).filteredOn(e -> e.event().equals("finished")).hasSize(1);
            }
            assertThat(a.isAlive()).isTrue();
        }
    }
}
