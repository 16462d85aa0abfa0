package io.provisioner.service.run;

import io.provisioner.service.auth.Principal;
import io.provisioner.service.db.RunRow;
import io.provisioner.service.db.RunState;
import io.provisioner.service.http.ApiError;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Submitting and cancelling runs: validation (422 with LINE:COL), the row, the scheduled execution. */
public final class RunService {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);
    private final RunContext ctx;
    private final RunScheduler scheduler;

    public RunService(RunContext ctx, RunScheduler scheduler) {
        this.ctx = ctx;
        this.scheduler = scheduler;
    }

    /** Validates and queues; a bad spec is an ApiError 422 carrying every problem. */
    public RunRow submit(RunRequest request, Principal who) {
        if (request.isSandbox()) {
            try {
                SandboxLauncher.check(request.sandbox());
            } catch (IllegalArgumentException e) {
                throw new ApiError(422, "sandbox: " + e.getMessage());
            }
            if (request.specText() != null && request.sandbox().hosts() != 1) {
                // as deploy -f SPEC --sandbox refuses --sandbox-hosts: known now, so nothing is queued
                throw new ApiError(422, "sandbox.hosts cannot be combined with a spec: the sandbox runs one simulated"
                        + " host per host of the spec; nothing was queued");
            }
        }
        String specText = request.specText();
        boolean inline = false;
        String stored = specText;
        if (specText != null) {
            Spec spec = validated(specText, request);
            inline = ctx.allowInlineSecrets() && !SubmittedSpec.literalSecrets(specText).isEmpty();
            if (inline) {
                stored = spec.masker().mask(specText);
            }
        }
        String id = ID_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        String hostNames = "," + String.join(",", request.hosts()) + ",";
        RunRow row = new RunRow(id, RunState.QUEUED, null, who.name(), Instant.now(), null, null, null, stored,
                RunRequestJson.toJson(request, inline), hostNames, null, null, null, false, 0);
        if (inline) {
            ctx.inlineSpecs().put(id, specText);
        }
        ctx.runs().insert(row);
        scheduler.submit(id);
        return row;
    }

    /** The problems of a spec text (for /validate): the loader's and literal secrets, with line and column. */
    public List<SpecProblem> problems(String specText) {
        Path scratch = scratch();
        try {
            return SubmittedSpec.problems(specText, scratch, ctx.env(), ctx.allowInlineSecrets());
        } finally {
            deleteQuietly(scratch);
        }
    }

    private Spec validated(String specText, RunRequest request) {
        Path scratch = scratch();
        try {
            List<SpecProblem> problems = SubmittedSpec.problems(specText, scratch, ctx.env(), ctx.allowInlineSecrets());
            if (!problems.isEmpty()) {
                throw new ApiError(422, problems.size() + (problems.size() == 1 ? " problem" : " problems")
                        + " in the spec; nothing was queued", problemList(problems));
            }
            Spec spec = SubmittedSpec.load(specText, scratch, ctx.env());
            List<SpecProblem> unknown = new ArrayList<>();
            for (String host : request.hosts()) {
                if (spec.host(host).isEmpty()) {
                    unknown.add(new SpecProblem(SubmittedSpec.NAME, 1, 1,
                            "host '" + host + "' is not in the spec; hosts are "
                            + String.join(", ", spec.hosts().stream().map(known -> known.name()).toList())));
                }
            }
            if (!unknown.isEmpty() && !request.isSandbox()) {
                throw new ApiError(422, "the run names hosts the spec does not have", problemList(unknown));
            }
            return spec;
        } finally {
            deleteQuietly(scratch);
        }
    }

    public static List<Map<String, Object>> problemList(List<SpecProblem> problems) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SpecProblem problem : problems) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("line", problem.line());
            entry.put("column", problem.column());
            entry.put("message", problem.message());
            entry.put("text", problem.toString());
            out.add(entry);
        }
        return out;
    }

    /** What a cancel did. */
    public enum CancelResult { CANCELLED, REQUESTED, ALREADY_ENDED, NOT_FOUND }

    public CancelResult cancel(String id) {
        RunRow row = ctx.runs().find(id).orElse(null);
        if (row == null) {
            return CancelResult.NOT_FOUND;
        }
        if (ctx.runs().cancelQueued(id)) {
            scheduler.cancelQueued(id);
            return CancelResult.CANCELLED;
        }
        if (ctx.runs().requestCancel(id)) {
            return CancelResult.REQUESTED;
        }
        return CancelResult.ALREADY_ENDED;
    }

    private Path scratch() {
        try {
            Path dir = ctx.stateDir().resolve("scratch");
            Files.createDirectories(dir);
            return Files.createTempDirectory(dir, "spec-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot make a scratch directory under " + ctx.stateDir(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a scratch directory left behind holds only the spec text
        }
    }
}
