package io.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioner.cli.Main;
import io.provisioner.service.auth.Principal;
import io.provisioner.service.auth.Role;
import io.provisioner.service.auth.TokenStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} on its default database, embedded H2 (PostgreSQL mode, db-scheduler's generic SQL), in this
 * JVM: one sandbox run submitted over HTTP is executed by db-scheduler to healthy; its report, JUnit, log,
 * events and metrics are read back; auth, validation and bad input are answered as documented.
 */
class ServiceOnH2IT {
    static final String OPERATOR = "op-token-1";
    static final String VIEWER = "view-token-1";
    static Path state;
    static ProvisionerService service;
    static ApiClient api;
    static String healthyRun;
    static JsonNode healthyRunJson;

    @BeforeAll
    static void startServiceAndRunOneSandboxDeploy() throws Exception {
        state = Files.createTempDirectory("h2-service-");
        TokenStore tokens = TokenStore.of(List.of(new Principal("ops", Role.OPERATOR), new Principal("watcher", Role.VIEWER)),
                List.of(OPERATOR, VIEWER));
        service = ProvisionerService.start(new ServiceConfig("127.0.0.1", 0, null, null, 2, state, false), tokens,
                Map.of("PV_ADMIN", "envadmin1"));
        api = new ApiClient("http://127.0.0.1:" + service.port(), OPERATOR);
        healthyRun = api.submit("{\"sandbox\": {\"faults\": \"none\"}}");
        healthyRunJson = api.awaitEnd(healthyRun, Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theDatabaseIsAnH2FileUnderTheStateDirectory() {
        assertThat(state.resolve("service/provisioner.mv.db")).exists();
    }

    @Test
    void aSandboxRunFinishesHealthyAndItsReportHasTheShapeOfDeployFormatJson() throws Exception {
        assertThat(healthyRunJson.get("state").asText()).as(healthyRunJson.toString()).isEqualTo("finished");
        assertThat(healthyRunJson.get("outcome").asText()).isEqualTo("healthy");
        assertThat(healthyRunJson.get("executions").asInt()).isEqualTo(1);
        assertThat(healthyRunJson.get("submitted_by").asText()).isEqualTo("ops");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                "deploy", "--sandbox", "--faults", "none", "--format", "json");
        assertThat(exit).isZero();
        JsonNode cli = ApiClient.JSON.readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode served = healthyRunJson.get("report");
        assertThat(fieldNames(served)).isEqualTo(fieldNames(cli));
        assertThat(served.get("status").asText()).isEqualTo(cli.get("status").asText()).isEqualTo("healthy");
        assertThat(served.get("hosts")).hasSameSizeAs(cli.get("hosts"));
        for (int i = 0; i < cli.get("hosts").size(); i++) {
            JsonNode a = served.get("hosts").get(i);
            JsonNode b = cli.get("hosts").get(i);
            assertThat(fieldNames(a)).isEqualTo(fieldNames(b));
            for (String same : new String[] {"name", "role", "status", "attempts", "fixups_applied"}) {
                assertThat(a.get(same)).as(same).isEqualTo(b.get(same));
            }
            assertThat(steps(a)).isEqualTo(steps(b));
        }
        assertThat(healthyRunJson.get("hosts")).isEqualTo(served.get("hosts"));
        HttpResponse<String> reportJson = api.get("/api/v1/runs/" + healthyRun + "/report.json");
        assertThat(ApiClient.json(reportJson)).isEqualTo(served);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> steps(JsonNode host) {
        List<String> out = new ArrayList<>();
        host.get("steps").forEach(s -> out.add(s.get("step").asText() + "#" + s.get("attempt").asInt() + "="
                + s.get("status").asText()));
        return out;
    }

    @Test
    void aSandboxRunOfTheSubmittersOwnSpecStandsInForItsHostsAndItsProxy() throws Exception {
        // as deploy -f SPEC --sandbox does: one simulated host per host of the spec, a stand-in for its proxy
        String spec = """
                version: 1
                defaults:
                  ssh: {user: stack}
                  proxy: {http: http://proxy.corp.example:3128, https: http://proxy.corp.example:3128}
                  passwords: {admin: env:PV_ADMIN, database: env:PV_ADMIN, rabbit: env:PV_ADMIN, service: env:PV_ADMIN}
                hosts:
                  - {name: ctl, address: 192.168.50.10, role: controller}
                  - {name: cmp1, address: 192.168.50.11, role: compute}
                """;
        String run = api.submit("{\"spec\": " + ApiClient.quote(spec) + ", \"sandbox\": {\"faults\": \"none\"}}");
        JsonNode ended = api.awaitEnd(run, Duration.ofMinutes(5));
        assertThat(ended.get("outcome").asText()).as(ended.toString()).isEqualTo("healthy");
        assertThat(ended.get("report").get("hosts")).extracting(h -> h.get("name").asText() + " " + h.get("status").asText())
                .containsExactly("ctl healthy", "cmp1 healthy");
    }

    @Test
    void sandboxHostsWithASpecIsRefusedAtSubmitAndNothingIsQueued() {
        // as deploy -f SPEC --sandbox refuses --sandbox-hosts: the spec's hosts say how many simulated hosts run
        String spec = "version: 1\ndefaults:\n  passwords: {admin: env:PV_ADMIN, database: env:PV_ADMIN, rabbit: env:PV_ADMIN,"
                + " service: env:PV_ADMIN}\nhosts:\n  - {name: ctl, address: 10.0.0.1, role: controller}\n";
        int before = ApiClient.json(api.get("/api/v1/runs")).get("count").asInt();
        HttpResponse<String> r = api.post("/api/v1/runs", "{\"spec\": " + ApiClient.quote(spec)
                + ", \"sandbox\": {\"hosts\": 2, \"faults\": \"none\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(ApiClient.json(r).get("error").asText()).contains("sandbox.hosts cannot be combined with a spec");
        assertThat(ApiClient.json(api.get("/api/v1/runs")).get("count").asInt()).isEqualTo(before);
    }

    @Test
    void theJunitReportHasOneSuitePerHostAndNoFailure() {
        HttpResponse<String> xml = api.as(VIEWER).get("/api/v1/runs/" + healthyRun + "/report.xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
        assertThat(xml.body()).contains("<testsuite name=\"sandbox1\"").contains("failures=\"0\"");
    }

    @Test
    void theHostLogIsServedWholeAndByRange() {
        String path = "/api/v1/runs/" + healthyRun + "/hosts/sandbox1/log";
        HttpResponse<String> whole = api.get(path);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).contains("stack.sh completed");
        byte[] bytes = whole.body().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> head = api.get(path, "Range", "bytes=0-99");
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(head.headers().firstValue("Content-Range")).contains("bytes 0-99/" + bytes.length);
        assertThat(head.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(java.util.Arrays.copyOfRange(bytes, 0, 100));
        HttpResponse<String> tail = api.get(path, "Range", "bytes=-20");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(java.util.Arrays.copyOfRange(bytes, bytes.length - 20, bytes.length));
        assertThat(api.get(path, "Range", "bytes=" + bytes.length + "-").statusCode()).isEqualTo(416);
        assertThat(api.get("/api/v1/runs/" + healthyRun + "/hosts/nosuchhost/log").statusCode()).isEqualTo(404);
    }

    @Test
    void eventsStreamInOrderEndWithFinishedAndResumeAfterLastEventId() {
        List<SseEvent> all = SseEvent.parse(api.get("/api/v1/runs/" + healthyRun + "/events").body());
        assertThat(all).extracting(SseEvent::id).isEqualTo(java.util.stream.LongStream.rangeClosed(1, all.size()).boxed().toList());
        assertThat(all.get(0).event()).isEqualTo("state");
        assertThat(all.get(all.size() - 1).event()).isEqualTo("finished");
        assertThat(all.get(all.size() - 1).data()).contains("\"outcome\":\"healthy\"");
        assertThat(all).extracting(SseEvent::event).contains("step_started", "step_finished", "host_finished");
        assertThat(all).anyMatch(e -> e.event().equals("step_finished") && e.data().contains("\"step\":\"stack\""));

        List<SseEvent> rest = SseEvent.parse(api.as(VIEWER).get("/api/v1/runs/" + healthyRun + "/events",
                "Last-Event-ID", "3").body());
        assertThat(rest).isEqualTo(all.subList(3, all.size()));
        assertThat(api.get("/api/v1/runs/" + healthyRun + "/events", "Last-Event-ID", "x").statusCode()).isEqualTo(400);
    }

    @Test
    void metricsCountTheRunByOutcomeAndShowTheQueue() {
        HttpResponse<String> m = new ApiClient(api.base(), null).get("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body()).contains("provisioner_runs_finished_total{outcome=\"healthy\"}")
                .contains("provisioner_stack_attempts_total").contains("provisioner_run_duration_seconds_bucket")
                .contains("provisioner_queue_depth").contains("provisioner_runs{state=\"finished\"}");
        HttpResponse<String> health = new ApiClient(api.base(), null).get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(health).get("database").asText()).isEqualTo("up");
    }

    @Test
    void withoutATokenIs401AViewerMayReadButNotSubmit() {
        HttpResponse<String> none = new ApiClient(api.base(), null).get("/api/v1/runs");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"provisioner\"");
        assertThat(api.as("wrong-token").get("/api/v1/runs").statusCode()).isEqualTo(401);
        ApiClient viewer = api.as(VIEWER);
        assertThat(viewer.get("/api/v1/runs").statusCode()).isEqualTo(200);
        HttpResponse<String> submit = viewer.post("/api/v1/runs", "{\"sandbox\": {}}");
        assertThat(submit.statusCode()).isEqualTo(403);
        assertThat(ApiClient.json(submit).get("error").asText()).contains("role viewer").contains("needs operator");
        assertThat(viewer.post("/api/v1/runs/" + healthyRun + "/cancel", "").statusCode()).isEqualTo(403);
        assertThat(ApiClient.json(viewer.get("/api/v1/whoami"))).isEqualTo(ApiClient.JSON.createObjectNode()
                .put("name", "watcher").put("role", "viewer"));
        assertThat(new ApiClient(api.base(), null).get("/api/v1/openapi.json").statusCode()).isEqualTo(200);
    }

    @Test
    void anInvalidSpecIs422WithTheSameLineColumnMessagesAsValidate() throws Exception {
        String spec = "version: 1\ndefaults:\n  passwords: {admin: env:PV_ADMIN, database: env:PV_ADMIN, rabbit: env:PV_ADMIN, "
                + "service: env:PV_ADMIN}\nhosts:\n  - name: ctl\n    address: 10.0.0.1\n    role: controler\n    colour: red\n";
        Path file = state.resolve("bad.yaml");
        Files.writeString(file, spec);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // validate resolves env: in its own environment; PV_ADMIN is not there, so compare only the lines about hosts
        Main.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                "validate", "-f", file.toString());
        List<String> fromValidate = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("error: " + file + ":"))
                .map(l -> l.substring(("error: " + file).length() + 1)).filter(l -> !l.contains("PV_ADMIN")).toList();
        assertThat(fromValidate).isNotEmpty();

        HttpResponse<String> r = api.post("/api/v1/runs", "{\"spec\": " + ApiClient.quote(spec) + "}");
        assertThat(r.statusCode()).isEqualTo(422);
        List<String> fromApi = new ArrayList<>();
        ApiClient.json(r).get("problems").forEach(p -> fromApi.add(p.get("line").asInt() + ":" + p.get("column").asInt()
                + ": " + p.get("message").asText()));
        assertThat(fromApi).isEqualTo(fromValidate);
        assertThat(ApiClient.json(api.get("/api/v1/runs?state=queued")).get("count").asInt()).isZero();
    }

    @Test
    void aLiteralPasswordIsRefusedWithItsLineAndColumnAndNeverEchoed() {
        String spec = "version: 1\ndefaults:\n  passwords: {admin: env:PV_ADMIN, database: s3cretdb, rabbit: env:PV_ADMIN, "
                + "service: env:PV_ADMIN}\nhosts:\n  - {name: ctl, address: 10.0.0.1, role: controller}\n";
        HttpResponse<String> r = api.post("/api/v1/runs", "{\"spec\": " + ApiClient.quote(spec) + "}");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode problem = ApiClient.json(r).get("problems").get(0);
        assertThat(problem.get("line").asInt()).isEqualTo(3);
        assertThat(problem.get("column").asInt()).isEqualTo(spec.lines().toList().get(2).indexOf("s3cretdb") + 1);
        assertThat(r.body()).doesNotContain("s3cretdb");
        JsonNode validate = ApiClient.json(api.as(VIEWER).post("/api/v1/validate", "{\"spec\": " + ApiClient.quote(spec) + "}"));
        assertThat(validate.get("valid").asBoolean()).isFalse();
        assertThat(validate.get("problems").get(0)).isEqualTo(problem);
    }

    @Test
    void badInputIsOneClearErrorNeverAStackTrace() {
        HttpResponse<String> malformed = api.post("/api/v1/runs", "{\"spec\": \"x\",\n \"hosts\": [");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(malformed).get("error").asText()).startsWith("the request body is not valid JSON at line 2");
        HttpResponse<String> unknown = api.post("/api/v1/runs", "{\"spec\": \"x\", \"colour\": 1}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(unknown).get("error").asText()).startsWith("unknown field 'colour'");
        HttpResponse<String> huge = api.post("/api/v1/runs", "{\"spec\": \"" + "x".repeat(2 << 20) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> missing = api.get("/api/v1/runs/20000101T000000-deadbeef");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(missing).get("error").asText()).isEqualTo("no run '20000101T000000-deadbeef'");
        assertThat(api.get("/api/v1/runs?state=sleeping").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/runs?page_size=1000").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = api.post("/api/v1/whoami", "");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET");
        assertThat(api.post("/api/v1/runs/" + healthyRun + "/cancel", "").statusCode()).isEqualTo(409);
        for (HttpResponse<String> r : List.of(malformed, unknown, huge, missing, wrongMethod)) {
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void theHistoryIsPagedAndFiltered() {
        JsonNode page = ApiClient.json(api.as(VIEWER).get("/api/v1/runs?state=finished&outcome=healthy&page_size=1"));
        assertThat(page.get("count").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(page.get("results")).hasSize(1);
        assertThat(page.get("previous").isNull()).isTrue();
        assertThat(ApiClient.json(api.get("/api/v1/runs?host=nosuchhost")).get("count").asInt()).isZero();
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointOfTheContract() {
        JsonNode doc = ApiClient.json(new ApiClient(api.base(), null).get("/api/v1/openapi.json"));
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Map<String, String> endpoints = new java.util.LinkedHashMap<>();
        endpoints.put("/api/v1/runs", "post get");
        endpoints.put("/api/v1/runs/{id}", "get");
        endpoints.put("/api/v1/runs/{id}/events", "get");
        endpoints.put("/api/v1/runs/{id}/hosts/{host}/log", "get");
        endpoints.put("/api/v1/runs/{id}/report.xml", "get");
        endpoints.put("/api/v1/runs/{id}/report.json", "get");
        endpoints.put("/api/v1/runs/{id}/cancel", "post");
        endpoints.put("/api/v1/diagnose", "post");
        endpoints.put("/api/v1/preflight", "post");
        endpoints.put("/api/v1/validate", "post");
        endpoints.put("/api/v1/whoami", "get");
        endpoints.put("/api/v1/openapi.json", "get");
        endpoints.put("/healthz", "get");
        endpoints.put("/metrics", "get");
        endpoints.forEach((path, methods) -> {
            for (String method : methods.split(" ")) {
                assertThat(doc.path("paths").path(path).has(method)).as(method + " " + path).isTrue();
            }
        });
        assertThat(doc.path("paths").size()).isEqualTo(endpoints.size());
    }

    @Test
    void preflightIsForOperatorsAndNamesAnUnreachableHost() {
        String spec = "version: 1\ndefaults:\n  passwords: {admin: env:PV_ADMIN, database: env:PV_ADMIN, rabbit: env:PV_ADMIN, "
                + "service: env:PV_ADMIN}\n  timeouts: {connect: 3s}\nhosts:\n  - {name: ctl, address: 127.0.0.1, role: controller, "
                + "ssh: {port: " + io.provisioner.lab.FreePort.on("127.0.0.1") + "}}\n";
        String body = "{\"spec\": " + ApiClient.quote(spec) + "}";
        assertThat(api.as(VIEWER).post("/api/v1/preflight", body).statusCode()).isEqualTo(403);
        HttpResponse<String> r = api.post("/api/v1/preflight", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode host = ApiClient.json(r).get(0);
        assertThat(host.get("host").asText()).isEqualTo("ctl");
        assertThat(host.get("unreachable").asBoolean()).as(r.body()).isTrue();
    }

    @Test
    void diagnoseAnswersWhatTheCliAnswers() throws Exception {
        String log = "+ functions-common:die:264 : echo 'ERROR: could not connect to the database'\n"
                + "[ERROR] /opt/stack/devstack/lib/database:120 MySQL: Access denied for user 'root'@'localhost'\n";
        Path file = state.resolve("stack.log");
        Files.writeString(file, log);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                "diagnose", file.toString(), "--format", "json");
        HttpResponse<String> r = api.as(VIEWER).post("/api/v1/diagnose", log, "Content-Type", "text/plain");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(r)).isEqualTo(ApiClient.JSON.readTree(out.toString(StandardCharsets.UTF_8)));
    }
}
