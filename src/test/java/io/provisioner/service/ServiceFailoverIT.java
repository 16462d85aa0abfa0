package io.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioner.lab.PostgresServer;
import io.provisioner.sandbox.SandboxHost;
import io.provisioner.sandbox.SandboxLab;
import io.provisioner.sandbox.SandboxOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two {@code serve} processes on one PostgreSQL; the one running a deploy is SIGKILLed while stack.sh runs.
 * db-scheduler declares it dead within seconds, the other instance picks the run up and resumes it from the
 * journal in the database: it re-attaches to the same stack.sh (one stack.sh run in total) and finishes it.
 * Its live log keeps what the killed instance stored and goes on with each line once. A second run on the same
 * target host waits, named, while the first holds it. The hosts live in this JVM,
 * so they outlive the killed instance.
 */
class ServiceFailoverIT {
    static final String TOKEN = "failover-token";

    @TempDir
    Path dir;

    @Test
    void theOtherInstanceResumesAKilledInstancesDeployWithOneStackShRun() throws Exception {
        try (PostgresServer pg = PostgresServer.start();
             SandboxLab lab = LabSpec.slowLab(new SandboxOptions(1, "current", Set.of("none"), null, false))) {
            Map<String, String> env = new HashMap<>(LabSpec.ENV);
            env.put("PROVISIONER_API_TOKEN", TOKEN);
            String body = "{\"spec\": " + ApiClient.quote(LabSpec.specFor(lab)) + "}";
            SandboxHost host = lab.hosts().get(0);
            try (ServeProcess a = ServeProcess.start(dir, "a", env, "--db", pg.jdbcUrl(), "--workers", "1");
                 ServeProcess b = ServeProcess.start(dir, "b", env, "--db", pg.jdbcUrl(), "--workers", "1")) {
                String first = a.client(TOKEN).submit(body);
                await("the first run follows a running stack.sh").atMost(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofMillis(300)).until(() -> followingStack(pg, first));
                String second = b.client(TOKEN).submit(body);
                await("the second run waits for the target, naming the run that holds it").atMost(Duration.ofSeconds(30))
                        .until(() -> String.valueOf(b.client(TOKEN).run(second).get("message").asText())
                                .equals("waiting: " + host.user() + "@" + host.address() + ":" + host.port()
                                        + " is held by run " + first));
                assertThat(b.client(TOKEN).run(second).get("state").asText()).isEqualTo("queued");
                // it would run its own stack.sh on the host once the first ends; the count below is the first's
                assertThat(b.client(TOKEN).post("/api/v1/runs/" + second + "/cancel", "").statusCode()).isEqualTo(202);

                String runningOn = a.client(TOKEN).run(first).get("instance").asText();
                ServeProcess victim = runningOn.equals(a.instance()) ? a : b;
                ServeProcess survivor = victim == a ? b : a;
                Path remoteLog = Path.of(host.paths().stateDir(), "stack-1.log");
                String before = Files.readString(remoteLog);
                await("the live log stored in part").atMost(Duration.ofSeconds(30)).until(() -> !victim.client(TOKEN)
                        .get("/api/v1/runs/" + first + "/hosts/" + host.name() + "/log?attempt=1").body().isEmpty());
                String liveBefore = victim.client(TOKEN).get("/api/v1/runs/" + first + "/hosts/" + host.name() + "/log?attempt=1").body();
                victim.kill9();
                assertThat(Path.of(host.paths().stateDir(), "stack-1.exit")).as("killed mid stack.sh").doesNotExist();

                JsonNode run = survivor.client(TOKEN).awaitEnd(first, Duration.ofMinutes(5));
                assertThat(run.get("outcome").asText()).as(run + "\n" + survivor.output()).isEqualTo("healthy");
                assertThat(run.get("executions").asInt()).isEqualTo(2);
                assertThat(run.get("instance").asText()).isEqualTo(survivor.instance());
                try (Stream<Path> files = Files.list(Path.of(host.paths().stateDir()))) {
                    assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("stack-")).sorted())
                            .containsExactly("stack-1.exit", "stack-1.log");
                }
                // the live log kept what the killed instance stored, and the survivor went on from there: every line
                // once, exactly the survivor's masked copy of the whole stack.sh log
                String liveAfter = survivor.client(TOKEN).get("/api/v1/runs/" + first + "/hosts/" + host.name() + "/log?attempt=1").body();
                assertThat(liveAfter).startsWith(liveBefore)
                        .isEqualTo(Files.readString(Path.of(run.get("hosts").get(0).get("log").asText())));
                assertThat(run.get("logs")).hasSize(1);
                String after = Files.readString(remoteLog);
                assertThat(after).startsWith(before);
                assertThat(after.split("stack.sh completed", -1)).hasSize(2);

                List<SseEvent> events = SseEvent.parse(survivor.client(TOKEN).get("/api/v1/runs/" + first + "/events").body());
                assertThat(events).filteredOn(e -> e.event().equals("state")).extracting(SseEvent::data)
                        .anyMatch(d -> d.contains("\"resumed\":false")).anyMatch(d -> d.contains("\"resumed\":true"));
                assertThat(events.get(events.size() - 1).event()).isEqualTo("finished");
                assertThat(pg.sql("select count(*) from run_journal where run_id = '" + first
                        + "' and step = 'stack' and detail = 're-attached'")).isEqualTo("1");
                JsonNode cancelled = survivor.client(TOKEN).awaitEnd(second, Duration.ofMinutes(1));
                assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
                assertThat(cancelled.get("started_at").isNull()).isTrue();
            }
        }
    }

    /** The run's journal (in the database) has a stack record with a log offset past 0. */
    private static boolean followingStack(PostgresServer pg, String run) {
        String offsets = pg.sql("select coalesce(string_agg(data_json, ' '), '') from run_journal where run_id = '" + run
                + "' and step = 'stack'");
        return offsets.matches(".*\"offset\":\"[1-9][0-9]*\".*");
    }
}
