package io.provisioner.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioner.lab.ManagedProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar provisioner.jar serve} as its own process on a free loopback port, with an embedded H2
 * database and a token file (an operator and a viewer) in a directory of the test's; stopped with its process
 * tree. A small bearer-token client for what the tests set up or check over the API.
 */
final class ServeProcess implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.]+:[0-9]+)");

    private final ManagedProcess process;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ServeProcess(ManagedProcess process, String base) {
        this.process = process;
        this.base = base;
    }

    /** Starts serve with these tokens (token text -> "name role"); returns once it listens. */
    static ServeProcess start(Path dir, Map<String, String> tokens, String... extraArgs) {
        return start(dir, tokens, Map.of(), extraArgs);
    }

    /** The same with extra environment for the serve process (e.g. the sandbox's SIM_TIME_SCALE). */
    static ServeProcess start(Path dir, Map<String, String> tokens, Map<String, String> env, String... extraArgs) {
        try {
            Files.createDirectories(dir);
            List<String> lines = new ArrayList<>();
            tokens.forEach((token, who) -> lines.add(who + " " + sha256(token)));
            Path tokenFile = Files.write(dir.resolve("tokens"), lines);
            String jarEnv = System.getenv("PROVISIONER_JAR");
            Path jar = Path.of(jarEnv != null ? jarEnv : "target/provisioner.jar").toAbsolutePath();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "serve", "--bind", "127.0.0.1", "--port", "0", "--state-dir",
                    dir.resolve("state").toString(), "--token-file", tokenFile.toString()));
            command.addAll(List.of(extraArgs));
            Path log = dir.resolve("serve.log");
            Files.deleteIfExists(log);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            ManagedProcess process = ManagedProcess.start("provisioner serve", log, builder);
            String[] base = new String[1];
            process.await(Duration.ofSeconds(90), () -> {
                try {
                    Matcher m = LISTENING.matcher(Files.readString(log));
                    if (m.find()) {
                        base[0] = m.group(1);
                    }
                    return base[0] != null;
                } catch (IOException e) {
                    return false;
                }
            }, "serve listening");
            return new ServeProcess(process, base[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return base;
    }

    Path log() {
        return process.log();
    }

    HttpResponse<String> call(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Submits a run as the operator; its id. */
    String submit(String operatorToken, String body) throws IOException {
        HttpResponse<String> response = call("POST", "/api/v1/runs", operatorToken, body, Map.of());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("submit answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asText();
    }

    JsonNode run(String token, String id) throws IOException {
        return JSON.readTree(call("GET", "/api/v1/runs/" + id, token, null, Map.of()).body());
    }

    /** Waits until the run has ended; its full JSON. */
    JsonNode awaitEnd(String token, String id, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode run = run(token, id);
        while (!run.get("state").asText().equals("finished") && !run.get("state").asText().equals("cancelled")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + id + " did not end within " + timeout + ": " + run);
            }
            Thread.sleep(1000);
            run = run(token, id);
        }
        return run;
    }

    @Override
    public void close() {
        process.close();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
