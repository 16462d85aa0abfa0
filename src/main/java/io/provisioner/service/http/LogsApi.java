package io.provisioner.service.http;

import io.provisioner.service.auth.Role;
import io.provisioner.service.db.LogAttempt;
import io.provisioner.service.db.RunRow;
import io.provisioner.service.run.RunContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/runs/{id}/hosts/{host}/log[?attempt=N]}: a host's stack.sh log (masked), the log so far
 * while the run goes, one attempt's (the latest without {@code attempt}). Range requests read only what they
 * ask for, so a viewer following a running log asks {@code Range: bytes=N-} for what is new (416 with
 * {@code Content-Range: bytes *}{@code /N} when nothing is; or {@code bytes=N-1-}, always satisfiable, one byte
 * it holds and what is new). {@code X-Log-Attempt} names the attempt served, {@code X-Log-Complete} whether it can
 * still grow. While the run goes, a log (or attempt) with no line yet is empty (200), not missing.
 */
final class LogsApi {
    static final String HOST = "([A-Za-z0-9._-]{1,200})";
    private final RunContext ctx;

    LogsApi(RunContext ctx) {
        this.ctx = ctx;
    }

    /** The route: registered by {@link RunsApi} with the run's id pattern. */
    void register(ApiServer api, String idPattern) {
        api.route("GET", "/runs/" + idPattern + "/hosts/" + HOST + "/log", Role.VIEWER, this::log);
    }

    /** Where one attempt's log is read. */
    static String url(String runId, LogAttempt log) {
        return ApiServer.PREFIX + "/runs/" + runId + "/hosts/" + log.host() + "/log?attempt=" + log.attempt();
    }

    private void log(HttpCall call) throws IOException {
        String id = call.pathParam(0);
        String host = call.pathParam(1);
        Integer wanted = attempt(call.query());
        RunRow run = ctx.runs().find(id).orElseThrow(() -> new ApiError(404, "no run '" + id + "'"));
        List<LogAttempt> attempts = ctx.logs().attempts(id).stream().filter(attempt -> attempt.host().equals(host)).toList();
        call.header("Accept-Ranges", "bytes");
        boolean notThereYet = attempts.isEmpty()
                || wanted != null && attempts.stream().noneMatch(attempt -> attempt.attempt() == wanted);
        if (notThereYet && !run.state().isFinal() && call.header("Range") == null) {
            // the run goes on: the log so far is empty (stack.sh has not written a line of it yet)
            call.header("X-Log-Complete", "false");
            call.send(200, "text/plain; charset=utf-8", new byte[0]);
            return;
        }
        if (attempts.isEmpty()) {
            whole(call, run, host, wanted);
            return;
        }
        LogAttempt chosen = wanted == null ? attempts.get(attempts.size() - 1) : attempts.stream()
                .filter(attempt -> attempt.attempt() == wanted).findFirst()
                .orElseThrow(() -> new ApiError(404, "host '" + host
                        + "' of run " + id + " has no log of attempt " + wanted + "; it has attempt"
                        + (attempts.size() == 1 ? " " : "s ") + String.join(", ", attempts.stream()
                        .map(attempt -> String.valueOf(attempt.attempt())).toList())));
        boolean complete = run.state().isFinal() || chosen.attempt() < attempts.get(attempts.size() - 1).attempt();
        call.header("X-Log-Attempt", String.valueOf(chosen.attempt()));
        call.header("X-Log-Complete", String.valueOf(complete));
        ByteRange range = range(call, chosen.bytes());
        byte[] bytes = ctx.logs().read(id, host, chosen.attempt(), range.first(), range.last());
        send(call, range, bytes, chosen.bytes());
    }

    /** A log stored whole when its run ended (runs from before live logs): the last attempt's. */
    private void whole(HttpCall call, RunRow run, String host, Integer wanted) throws IOException {
        String content = ctx.logs().find(run.id(), host).orElse(null);
        if (content == null || wanted != null) {
            throw new ApiError(404, "no stack.sh log of host '" + host + "' in run " + run.id()
                    + (wanted != null && content != null ? " by attempt: this run's log was stored whole when it ended; "
                    + "leave out 'attempt'" : run.state().isFinal() ? "" : " yet: stack.sh has not written a line"));
        }
        byte[] all = content.getBytes(StandardCharsets.UTF_8);
        call.header("X-Log-Complete", "true");
        ByteRange range = range(call, all.length);
        send(call, range, Arrays.copyOfRange(all, (int) range.first(), (int) range.last() + 1), all.length);
    }

    private static ByteRange range(HttpCall call, long length) {
        try {
            return ByteRange.of(call.header("Range"), length);
        } catch (ApiError e) {
            call.header("Content-Range", "bytes */" + length);
            throw e;
        }
    }

    private static void send(HttpCall call, ByteRange range, byte[] bytes, long length) throws IOException {
        if (!range.partial()) {
            call.send(200, "text/plain; charset=utf-8", bytes);
            return;
        }
        call.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + length);
        call.send(206, "text/plain; charset=utf-8", bytes);
    }

    private static Integer attempt(Map<String, String> query) {
        for (String name : query.keySet()) {
            if (!name.equals("attempt")) {
                throw new ApiError(400, "unknown query parameter '" + name + "'; use attempt");
            }
        }
        String value = query.get("attempt");
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new ApiError(400, "attempt '" + value + "' must be a whole number from 1");
    }
}
