package io.provisioner.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.deploy.FleetPreflight;
import io.provisioner.report.PreflightReport;
import io.provisioner.diagnose.Diagnoser;
import io.provisioner.diagnose.Diagnosis;
import io.provisioner.service.auth.Role;
import io.provisioner.service.metrics.ServiceMetrics;
import io.provisioner.service.run.DeployLauncher;
import io.provisioner.service.run.RunContext;
import io.provisioner.service.run.RunService;
import io.provisioner.service.run.SubmittedSpec;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecProblem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** diagnose, preflight, validate, whoami, the OpenAPI document, healthz and metrics. */
final class ToolsApi {
    static final int MAX_LOG_BODY = 16 << 20;
    private final RunContext ctx;
    private final RunService runs;
    private final ServiceMetrics metrics;

    ToolsApi(RunContext ctx, RunService runs, ServiceMetrics metrics) {
        this.ctx = ctx;
        this.runs = runs;
        this.metrics = metrics;
    }

    void register(ApiServer api) {
        api.route("POST", "/diagnose", Role.VIEWER, this::diagnose);
        api.route("POST", "/preflight", Role.OPERATOR, this::preflight);
        api.route("POST", "/validate", Role.VIEWER, this::validate);
        api.route("GET", "/whoami", Role.VIEWER, this::whoami);
        api.route("GET", "/openapi.json", null, this::openapi);
        api.plain("/healthz", this::health);
        api.plain("/metrics", this::metrics);
    }

    private void diagnose(HttpCall call) throws IOException {
        byte[] body = call.body(MAX_LOG_BODY);
        String type = call.header("Content-Type");
        if (type != null && type.startsWith("application/json")) {
            JsonNode request = io.provisioner.service.run.RunRequestJson.tree(body);
            if (!request.isObject() || !request.path("log").isTextual() || request.size() != 1) {
                throw new ApiError(400, "a JSON body must be {\"log\": \"<stack.sh log text>\"} and nothing else; "
                        + "or send the log itself as text/plain");
            }
            body = request.get("log").asText().getBytes(StandardCharsets.UTF_8);
        }
        Diagnosis diagnosis;
        try (InputStream in = new ByteArrayInputStream(body)) {
            diagnosis = Diagnoser.builtin().diagnose(in);
        }
        call.send(200, "application/json", (diagnosis.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void validate(HttpCall call) throws IOException {
        String spec = specField(call.body(RunsApi.MAX_SPEC_BODY), Set.of("spec"));
        List<SpecProblem> problems = runs.problems(spec);
        ObjectNode json = HttpCall.JSON.createObjectNode();
        json.put("valid", problems.isEmpty());
        json.set("problems", HttpCall.JSON.valueToTree(RunService.problemList(problems)));
        call.json(200, json);
    }

    private void preflight(HttpCall call) throws IOException {
        byte[] body = call.body(RunsApi.MAX_SPEC_BODY);
        String specText = specField(body, Set.of("spec", "hosts"));
        JsonNode root = io.provisioner.service.run.RunRequestJson.tree(body);
        Set<String> hosts = new HashSet<>();
        root.path("hosts").forEach(host -> hosts.add(host.asText()));
        List<SpecProblem> problems = runs.problems(specText);
        if (!problems.isEmpty()) {
            throw new ApiError(422, problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the spec",
                    RunService.problemList(problems));
        }
        Path scratch = Files.createTempDirectory(Files.createDirectories(ctx.stateDir().resolve("scratch")), "preflight-");
        Spec spec;
        try {
            spec = SubmittedSpec.load(specText, scratch, ctx.env());
        } finally {
            Files.deleteIfExists(scratch.resolve("spec.yaml"));
            Files.deleteIfExists(scratch);
        }
        List<FleetPreflight.HostChecks> results = new DeployLauncher().preflight(spec, hosts);
        call.json(200, PreflightReport.tree(results, spec.masker()));
    }

    private static String specField(byte[] body, Set<String> allowed) {
        JsonNode request = io.provisioner.service.run.RunRequestJson.tree(body);
        if (!request.isObject()) {
            throw new ApiError(400, "the request body must be a JSON object {\"spec\": \"<YAML>\"}");
        }
        request.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw new ApiError(400, "unknown field '" + field + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        });
        if (!request.path("spec").isTextual()) {
            throw new ApiError(400, "field 'spec' is missing or not a string; send the YAML spec as a string");
        }
        return request.get("spec").asText();
    }

    private void whoami(HttpCall call) throws IOException {
        ObjectNode json = HttpCall.JSON.createObjectNode();
        json.put("name", call.principal().name());
        json.put("role", call.principal().role().label());
        call.json(200, json);
    }

    private void openapi(HttpCall call) throws IOException {
        try (InputStream in = ToolsApi.class.getResourceAsStream("/io/provisioner/service/openapi.json")) {
            if (in == null) {
                throw new ApiError(500, "openapi.json missing from the jar");
            }
            call.send(200, "application/json", in.readAllBytes());
        }
    }

    private void health(HttpCall call) throws IOException {
        boolean db = ctx.db().reachable();
        ObjectNode json = HttpCall.JSON.createObjectNode();
        json.put("status", db ? "ok" : "degraded");
        json.put("database", db ? "up" : "down");
        json.put("instance", ctx.instance());
        call.json(db ? 200 : 503, json);
    }

    private void metrics(HttpCall call) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        metrics.write(out);
        call.send(200, metrics.contentType(), out.toByteArray());
    }
}
