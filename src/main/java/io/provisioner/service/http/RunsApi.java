package io.provisioner.service.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.service.auth.Role;
import io.provisioner.service.db.RunCursor;
import io.provisioner.service.db.RunFilter;
import io.provisioner.service.db.RunPage;
import io.provisioner.service.db.RunRow;
import io.provisioner.service.db.RunState;
import io.provisioner.service.run.RunContext;
import io.provisioner.service.run.RunRequest;
import io.provisioner.service.run.RunRequestJson;
import io.provisioner.service.run.RunService;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** The runs endpoints: submit, list, one run, its reports, its host logs, its events, cancel. */
final class RunsApi {
    static final int MAX_SPEC_BODY = 1 << 20;
    private static final String ID = "([A-Za-z0-9T-]{1,64})";
    private static final Set<String> LIST_PARAMETERS = Set.of("state", "host", "outcome", "page", "page_size", "after");
    /** Room for the rendered list pages: the 200 pages of 50 runs of a 10 000-run history are about 6 MB. */
    static final long RENDERED_PAGES_BYTES = 16L << 20;
    private final RunContext ctx;
    private final RenderedPages pages = new RenderedPages(RENDERED_PAGES_BYTES);
    private final RunService service;
    private final EventStream events;

    RunsApi(RunContext ctx, RunService service, int maxStreams) {
        this.ctx = ctx;
        this.service = service;
        this.events = new EventStream(ctx.events(), ctx.runs(), maxStreams);
    }

    void register(ApiServer api) {
        api.route("POST", "/runs", Role.OPERATOR, this::submit);
        api.route("GET", "/runs", Role.VIEWER, this::list);
        api.route("GET", "/runs/" + ID, Role.VIEWER, this::one);
        api.route("GET", "/runs/" + ID + "/events", Role.VIEWER, events::serve);
        api.route("GET", "/runs/" + ID + "/report.json", Role.VIEWER, this::reportJson);
        api.route("GET", "/runs/" + ID + "/report.xml", Role.VIEWER, this::reportXml);
        new LogsApi(ctx).register(api, ID);
        api.route("POST", "/runs/" + ID + "/cancel", Role.OPERATOR, this::cancel);
    }

    private void submit(HttpCall call) throws IOException {
        RunRequest request = RunRequestJson.parse(call.body(MAX_SPEC_BODY));
        RunRow row = service.submit(request, call.principal());
        ObjectNode json = HttpCall.JSON.createObjectNode();
        json.put("id", row.id());
        json.put("state", row.state().label());
        call.header("Location", ApiServer.PREFIX + "/runs/" + row.id());
        call.json(201, json);
    }

    private void list(HttpCall call) throws IOException {
        Map<String, String> query = call.query();
        for (String name : query.keySet()) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw new ApiError(400, "unknown query parameter '" + name
                        + "'; use state, host, outcome, page, page_size, after");
            }
        }
        RunState state = null;
        if (query.containsKey("state")) {
            try {
                state = RunState.fromLabel(query.get("state"));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "state: " + e.getMessage());
            }
        }
        int page = number(query, "page", 1, 1, Integer.MAX_VALUE);
        int size = number(query, "page_size", 50, 1, RunFilter.MAX_PAGE_SIZE);
        RunCursor after = null;
        if (query.containsKey("after")) {
            try {
                after = RunCursor.parse(query.get("after"));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "after: " + e.getMessage());
            }
        }
        // a page rendered since the last change of any run (on any instance) is answered as it was: one read of
        // the runs' version instead of the page's queries and its JSON
        String key = call.exchange().getRequestURI().getRawQuery();
        key = key == null ? "" : key;
        byte[] rendered = pages.get(key, ctx.runs().version());
        if (rendered != null) {
            call.send(200, "application/json", rendered);
            return;
        }
        RunPage result = ctx.runs().list(new RunFilter(state, query.get("host"), query.get("outcome"), page, size, after));
        ObjectNode json = HttpCall.JSON.createObjectNode();
        json.put("count", result.count());
        // next: keyset (the page after this page's last run), so a client walking the history reads each page
        // from the index instead of skipping every page before it; previous: by offset
        json.put("next", result.more() ? pageLink(query, page + 1, RunCursor.after(result.results().get(size - 1))) : null);
        json.put("previous", page > 1 ? pageLink(query, page - 1, null) : null);
        ArrayNode results = json.putArray("results");
        result.results().forEach(run -> results.add(RunJson.summary(run)));
        byte[] body = HttpCall.bytes(json);
        pages.put(key, result.version(), body);
        call.send(200, "application/json", body);
    }

    private static String pageLink(Map<String, String> query, int page, RunCursor after) {
        StringBuilder sb = new StringBuilder(ApiServer.PREFIX + "/runs?page=" + page);
        query.forEach((name, value) -> {
            if (!name.equals("page") && !name.equals("after")) {
                sb.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        if (after != null) {
            sb.append("&after=").append(URLEncoder.encode(after.text(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static int number(Map<String, String> query, String name, int fallback, int min, int max) {
        String value = query.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + " '" + value + "' must be a whole number " + min + ".." + max);
        }
    }

    private RunRow run(HttpCall call) {
        String id = call.pathParam(0);
        return ctx.runs().find(id).orElseThrow(() -> new ApiError(404, "no run '" + id + "'"));
    }

    private void one(HttpCall call) throws IOException {
        RunRow row = run(call);
        call.json(200, RunJson.full(row, ctx.logs().attempts(row.id())));
    }

    private void reportJson(HttpCall call) throws IOException {
        RunRow row = run(call);
        if (row.reportJson() == null) {
            throw new ApiError(404, "run " + row.id() + " has no report" + (row.state().isFinal() ? "" : " yet: it is "
                    + row.state().label() + "; the report is written when it ends"));
        }
        call.send(200, "application/json", (row.reportJson() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void reportXml(HttpCall call) throws IOException {
        RunRow row = run(call);
        if (row.junitXml() == null) {
            throw new ApiError(404, "run " + row.id() + " has no JUnit report" + (row.state().isFinal() ? "" : " yet: it is "
                    + row.state().label() + "; the report is written when it ends"));
        }
        call.send(200, "application/xml; charset=utf-8", row.junitXml().getBytes(StandardCharsets.UTF_8));
    }

    private void cancel(HttpCall call) throws IOException {
        String id = call.pathParam(0);
        RunService.CancelResult result = service.cancel(id);
        ObjectNode json = HttpCall.JSON.createObjectNode();
        json.put("id", id);
        switch (result) {
            case NOT_FOUND -> throw new ApiError(404, "no run '" + id + "'");
            case ALREADY_ENDED -> throw new ApiError(409, "run " + id + " has already ended; nothing to cancel");
            case CANCELLED -> json.put("state", "cancelled");
            case REQUESTED -> {
                json.put("state", "running");
                json.put("cancel_requested", true);
            }
        }
        call.json(202, json);
    }

}
