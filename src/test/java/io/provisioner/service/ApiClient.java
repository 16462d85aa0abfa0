package io.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** A test's HTTP client for one service instance and one token (null: none). */
public final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    public ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public ApiClient as(String otherToken) {
        return new ApiClient(base, otherToken);
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a live event stream line by line until a line matches, then hangs up (an SSE client that
     * disconnects mid-stream); false when the stream ended or the time ran out first.
     */
    public boolean readEventsUntil(String path, java.util.function.Predicate<String> line, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            HttpResponse<java.io.InputStream> r = http.send(request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String l;
                while (System.nanoTime() < deadline && (l = in.readLine()) != null) {
                    if (line.test(l)) {
                        return true;
                    }
                }
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** POST /runs, expecting 201; the run id. */
    public String submit(String body) {
        HttpResponse<String> r = post("/api/v1/runs", body, "Content-Type", "application/json");
        if (r.statusCode() != 201) {
            throw new AssertionError("submit answered " + r.statusCode() + ": " + r.body());
        }
        return json(r).get("id").asText();
    }

    public JsonNode run(String id) {
        return json(get("/api/v1/runs/" + id));
    }

    /** Waits until the run has ended (finished or cancelled); its JSON. */
    public JsonNode awaitEnd(String id, Duration limit) {
        JsonNode[] last = new JsonNode[1];
        await("run " + id + " ends").atMost(limit).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            last[0] = run(id);
            String state = last[0].get("state").asText();
            return state.equals("finished") || state.equals("cancelled");
        });
        return last[0];
    }

    public static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
