package io.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioner.lab.ClassLab;
import io.provisioner.lab.FreePort;
import io.provisioner.lab.PostgresServer;
import io.provisioner.service.auth.Principal;
import io.provisioner.service.auth.Role;
import io.provisioner.service.auth.TokenStore;
import io.provisioner.service.db.Database;
import io.provisioner.service.db.RunRepository;
import io.provisioner.service.db.RunRow;
import io.provisioner.service.db.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * List pages are answered from rendered copies while no run changed (issue 19): a change made on one instance,
 * or straight through the repository as another instance makes it, is in the very next read on every
 * instance. On a real PostgreSQL with two service instances sharing it, and on embedded H2.
 */
class CachedReadsIT {
    @RegisterExtension
    static final ClassLab<PostgresServer> POSTGRES = PostgresServer.perClass();
    static final String TOKEN = "cache-token";
    static final String LIST = "/api/v1/runs?page_size=5";

    @TempDir
    Path dir;

    @Test
    void onPostgresqlAChangeOnOneInstanceIsInTheNextReadOnBoth() {
        String url = POSTGRES.get().jdbcUrl();
        try (ProvisionerService a = start("a", url); ProvisionerService b = start("b", url);
             Database db = Database.open(url, 2)) {
            changesAreInTheNextRead(List.of(client(a), client(b)), new RunRepository(db));
        }
    }

    @Test
    void onH2AChangeIsInTheNextRead() {
        try (ProvisionerService a = start("h2", null); Database db = Database.open(Database.defaultUrl(dir.resolve("h2")), 2)) {
            changesAreInTheNextRead(List.of(client(a)), new RunRepository(db));
        }
    }

    private void changesAreInTheNextRead(List<ApiClient> instances, RunRepository elsewhere) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        elsewhere.insert(new RunRow("cache-1", RunState.QUEUED, null, "test", t, null, null, null, null, "{}", ",h1,",
                null, null, null, false, 0));
        long before = readTwice(instances).get("count").asLong();

        // a submit through the first instance's API: first on every instance's next page, counted
        ApiClient first = instances.get(0);
        String id = first.submit("{\"spec\": " + ApiClient.quote(unreachableSpec()) + "}");
        for (ApiClient api : readers(instances)) {
            JsonNode page = list(api);
            assertThat(page.get("count").asLong()).isEqualTo(before + 1);
            assertThat(page.get("results").get(0).get("id").asText()).isEqualTo(id);
        }
        // its end, as the instance that ran it answered it: the same on every instance's next page
        first.awaitEnd(id, Duration.ofMinutes(1));
        readTwice(instances);
        String outcome = first.run(id).get("outcome").asText();
        for (ApiClient api : readers(instances)) {
            JsonNode run = list(api).get("results").get(0);
            assertThat(run.get("state").asText()).isEqualTo("finished");
            assertThat(run.get("outcome").asText()).isEqualTo(outcome);
        }

        // a change made elsewhere (another instance's repository): in the next read, filtered pages too
        String queued = "/api/v1/runs?state=queued&host=h1";
        for (ApiClient api : instances) {
            assertThat(ApiClient.json(api.get(queued)).get("count").asLong()).isEqualTo(1);
            assertThat(ApiClient.json(api.get(queued)).get("count").asLong()).isEqualTo(1);
        }
        assertThat(elsewhere.cancelQueued("cache-1")).isTrue();
        for (ApiClient api : instances) {
            assertThat(ApiClient.json(api.get(queued)).get("count").asLong()).isZero();
            assertThat(ApiClient.json(api.get("/api/v1/runs?state=cancelled&host=h1")).get("results").get(0)
                    .get("id").asText()).isEqualTo("cache-1");
        }
    }

    /** Each instance's list read twice (the second from its rendered copy); the last one read. */
    private static JsonNode readTwice(List<ApiClient> instances) {
        JsonNode page = null;
        for (ApiClient api : instances) {
            JsonNode once = list(api);
            page = list(api);
            assertThat(page).isEqualTo(once);
        }
        return page;
    }

    /** Every instance, the other ones first: they did not make the change. */
    private static List<ApiClient> readers(List<ApiClient> instances) {
        return instances.size() == 1 ? instances : List.of(instances.get(1), instances.get(0));
    }

    private static JsonNode list(ApiClient api) {
        return ApiClient.json(api.get(LIST));
    }

    private ProvisionerService start(String name, String url) {
        TokenStore tokens = TokenStore.of(List.of(new Principal("ops", Role.OPERATOR)), List.of(TOKEN));
        return ProvisionerService.start(new ServiceConfig("127.0.0.1", 0, url, null, 1, dir.resolve(name), false), tokens,
                Map.of("PV_CACHE", "cachepassword1"));
    }

    private static ApiClient client(ProvisionerService service) {
        return new ApiClient("http://127.0.0.1:" + service.port(), TOKEN);
    }

    /** A target refusing SSH (a free port): the run starts at once and ends unreachable in moments. */
    private static String unreachableSpec() {
        return "version: 1\ndefaults:\n  passwords: {admin: env:PV_CACHE, database: env:PV_CACHE, "
                + "rabbit: env:PV_CACHE, service: env:PV_CACHE}\nhosts:\n  - {name: ctl, address: 127.0.0.1, role: controller, "
                + "ssh: {port: " + FreePort.on("127.0.0.1") + "}}\n";
    }
}
