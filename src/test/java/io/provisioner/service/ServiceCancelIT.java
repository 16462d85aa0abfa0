package io.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioner.service.auth.Principal;
import io.provisioner.service.auth.Role;
import io.provisioner.service.auth.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One worker, two sandbox runs: the queued one is cancelled before it starts, the running one while it runs. */
class ServiceCancelIT {
    @TempDir
    Path state;

    @Test
    void aQueuedRunNeverStartsAndARunningOneEndsCancelled() {
        TokenStore tokens = TokenStore.of(List.of(new Principal("ops", Role.OPERATOR)), List.of("cancel-token"));
        try (ProvisionerService service = ProvisionerService.start(
                new ServiceConfig("127.0.0.1", 0, null, null, 1, state, false), tokens, Map.of())) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + service.port(), "cancel-token");
            String running = api.submit("{\"sandbox\": {\"faults\": \"none\"}}");
            await().atMost(Duration.ofMinutes(1)).until(() -> api.run(running).get("state").asText().equals("running"));
            String queued = api.submit("{\"sandbox\": {\"faults\": \"none\"}}");
            assertThat(api.run(queued).get("state").asText()).isEqualTo("queued");

            HttpResponse<String> cancelQueued = api.post("/api/v1/runs/" + queued + "/cancel", "");
            assertThat(cancelQueued.statusCode()).isEqualTo(202);
            assertThat(ApiClient.json(cancelQueued).get("state").asText()).isEqualTo("cancelled");

            // cancel once the deploy is under way: a live event stream shows its first step, then the client leaves
            assertThat(api.readEventsUntil("/api/v1/runs/" + running + "/events", line -> line.startsWith("event: step_started"),
                    Duration.ofMinutes(1))).isTrue();
            HttpResponse<String> cancelRunning = api.post("/api/v1/runs/" + running + "/cancel", "");
            assertThat(cancelRunning.statusCode()).isEqualTo(202);
            assertThat(ApiClient.json(cancelRunning).get("cancel_requested").asBoolean()).isTrue();

            JsonNode ended = api.awaitEnd(running, Duration.ofMinutes(2));
            assertThat(ended.get("state").asText()).as(ended.toString()).isEqualTo("cancelled");
            assertThat(ended.get("outcome").asText()).isEqualTo("cancelled");
            List<SseEvent> events = SseEvent.parse(api.get("/api/v1/runs/" + running + "/events").body());
            assertThat(events.get(events.size() - 1).event()).isEqualTo("finished");
            assertThat(events.get(events.size() - 1).data()).contains("\"state\":\"cancelled\"");

            JsonNode never = api.run(queued);
            assertThat(never.get("state").asText()).isEqualTo("cancelled");
            assertThat(never.get("executions").asInt()).isZero();
            assertThat(never.get("started_at").isNull()).isTrue();
            assertThat(api.post("/api/v1/runs/" + queued + "/cancel", "").statusCode()).isEqualTo(409);
        }
    }
}
