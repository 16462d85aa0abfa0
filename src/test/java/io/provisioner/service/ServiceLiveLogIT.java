package io.provisioner.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioner.service.auth.Principal;
import io.provisioner.service.auth.Role;
import io.provisioner.service.auth.TokenStore;
import io.provisioner.spec.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A host's stack.sh log served while the run goes, against {@code serve} in this JVM on embedded H2 running the
 * seed sandbox run (a failed stack.sh attempt, fix-ups, another attempt) slowed down so stack.sh takes seconds:
 * attempt 1's log is read while stack.sh writes it and followed with {@code Range: bytes=N-} to its end, the
 * bytes gathered that way are exactly its final log; the run JSON lists every attempt's log, each URL serves
 * that attempt, the latest is the default and equals the deploy's own (masked) local copy; no password of the
 * spec is in any of them. And a session cookie without its CSRF token cannot change anything: 403.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceLiveLogIT {
    private static final String OPERATOR = "live-log-operator-token";
    private static final String TIME_SCALE = "0.02";
    private static final List<String> SPEC_PASSWORDS = List.of("sandboxadmin", "sandboxdb", "sandboxrabbit", "sandboxservice");
    private static String timeScaleBefore;
    private static ProvisionerService service;
    private static ApiClient api;
    private static String run;

    @BeforeAll
    static void startServiceWithASlowSandbox() throws Exception {
        timeScaleBefore = System.getProperty("sandbox.timeScale");
        System.setProperty("sandbox.timeScale", TIME_SCALE); // read by each sandbox lab as it starts
        TokenStore tokens = TokenStore.of(List.of(new Principal("ops", Role.OPERATOR)), List.of(OPERATOR));
        service = ProvisionerService.start(new ServiceConfig("127.0.0.1", 0, null, null, 2,
                Files.createTempDirectory("live-log-service-"), false), tokens, Map.of());
        api = new ApiClient("http://127.0.0.1:" + service.port(), OPERATOR);
        run = api.submit("{\"sandbox\": {\"faults\": \"seed\"}}");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (timeScaleBefore == null) {
            System.clearProperty("sandbox.timeScale");
        } else {
            System.setProperty("sandbox.timeScale", timeScaleBefore);
        }
    }

    @Test
    @Order(1)
    void theFirstAttemptsLogIsServedWhileStackShWritesItAndRangeRequestsFollowItToItsExactEnd() {
        String path = "/api/v1/runs/" + run + "/hosts/sandbox1/log?attempt=1";
        await("attempt 1's first lines").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> !api.get(path).body().isEmpty());
        HttpResponse<String> first = api.get(path);
        HttpResponse<String> notYet = api.get("/api/v1/runs/" + run + "/hosts/sandbox1/log?attempt=9");
        assertThat(notYet.statusCode()).as("an attempt that may still begin: empty so far").isEqualTo(200);
        assertThat(notYet.body()).isEmpty();
        assertThat(notYet.headers().firstValue("X-Log-Complete")).contains("false");
        HttpResponse<String> overlap = api.get(path, "Range", "bytes=" + (bytes(first).length - 1) + "-");
        assertThat(overlap.statusCode()).as("one byte held and what is new: always satisfiable").isEqualTo(206);
        assertThat(bytes(overlap)[0]).isEqualTo(bytes(first)[bytes(first).length - 1]);
        assertThat(first.headers().firstValue("X-Log-Complete")).as("read while stack.sh runs").contains("false");
        assertThat(first.headers().firstValue("X-Log-Attempt")).contains("1");
        assertThat(api.run(run).get("state").asText()).isEqualTo("running");

        ByteArrayOutputStream held = new ByteArrayOutputStream();
        held.writeBytes(bytes(first));
        int grewWhileRunning = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        boolean complete = false;
        while (!complete) {
            assertThat(System.nanoTime()).as("attempt 1 ends within 5 minutes").isLessThan(deadline);
            HttpResponse<String> more = api.get(path, "Range", "bytes=" + held.size() + "-");
            complete = more.headers().firstValue("X-Log-Complete").orElse("").equals("true");
            if (more.statusCode() == 206) {
                assertThat(more.headers().firstValue("Content-Range").orElseThrow()).startsWith("bytes " + held.size() + "-");
                held.writeBytes(bytes(more));
                if (!complete) {
                    grewWhileRunning++;
                }
            } else {
                assertThat(more.statusCode()).as(more.body()).isEqualTo(416);
                assertThat(more.headers().firstValue("Content-Range")).contains("bytes */" + held.size());
                sleep(300);
            }
        }
        // complete: a later attempt began (or the run ended); what it said then is all there is
        HttpResponse<String> last = api.get(path, "Range", "bytes=" + held.size() + "-");
        if (last.statusCode() == 206) {
            held.writeBytes(bytes(last));
        }
        assertThat(grewWhileRunning).as("new bytes while attempt 1 ran").isGreaterThanOrEqualTo(2);

        api.awaitEnd(run, Duration.ofMinutes(8));
        byte[] whole = bytes(api.get(path));
        assertThat(held.toByteArray()).as("the bytes followed by Range are attempt 1's log").isEqualTo(whole);
        assertThat(new String(whole, StandardCharsets.UTF_8)).contains("stack.sh");
    }

    @Test
    @Order(2)
    void theRunListsEveryAttemptsLogAndEachUrlServesThatAttempt() throws Exception {
        JsonNode ended = api.awaitEnd(run, Duration.ofMinutes(8));
        assertThat(ended.get("outcome").asText()).as(ended.toString()).isEqualTo("healthy");
        List<JsonNode> logs = new ArrayList<>();
        ended.get("logs").forEach(logs::add);
        int attempts = ended.get("hosts").get(0).get("attempts").asInt();
        assertThat(attempts).as("the seed run retries stack.sh").isGreaterThanOrEqualTo(2);
        assertThat(logs).extracting(l -> l.get("attempt").asInt()).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, attempts).boxed().toList());

        List<String> texts = new ArrayList<>();
        for (JsonNode log : logs) {
            assertThat(log.get("host").asText()).isEqualTo("sandbox1");
            HttpResponse<String> r = api.get(log.get("url").asText());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Log-Attempt")).contains(log.get("attempt").asText());
            assertThat(r.headers().firstValue("X-Log-Complete")).contains("true");
            assertThat((long) bytes(r).length).isEqualTo(log.get("bytes").asLong());
            texts.add(r.body());
        }
        assertThat(texts).as("each attempt has its own log").doesNotHaveDuplicates();
        assertThat(String.join("", texts)).as("the spec's passwords stand masked").contains(Secret.MASK);
        for (String text : texts) {
            SPEC_PASSWORDS.forEach(password -> assertThat(text).doesNotContain(password));
        }

        String latest = api.get("/api/v1/runs/" + run + "/hosts/sandbox1/log").body();
        assertThat(latest).as("without attempt: the latest").isEqualTo(texts.get(texts.size() - 1));
        Path localCopy = Path.of(ended.get("hosts").get(0).get("log").asText());
        assertThat(latest).as("the live log is the deploy's own masked copy, line for line")
                .isEqualTo(Files.readString(localCopy, StandardCharsets.UTF_8));
    }

    @Test
    @Order(3)
    void anAttemptThatIsNotThereOrNotANumberIsNamed() {
        api.awaitEnd(run, Duration.ofMinutes(8));
        String path = "/api/v1/runs/" + run + "/hosts/sandbox1/log";
        HttpResponse<String> missing = api.get(path + "?attempt=99");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(missing).get("error").asText()).contains("attempt 99").contains("attempts 1, 2");
        assertThat(api.get(path + "?attempt=first").statusCode()).isEqualTo(400);
        assertThat(api.get(path + "?attempt=0").statusCode()).isEqualTo(400);
        assertThat(api.get(path + "?tail=10").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/runs/" + run + "/hosts/nosuchhost/log").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aSessionCookieWithoutItsCsrfTokenCannotChangeAnythingItIs403() throws Exception {
        ApiClient anonymous = api.as(null);
        HttpResponse<String> login = anonymous.get("/login?token=" + OPERATOR + "&next=%2F");
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher csrf = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">")
                .matcher(anonymous.get("/", "Cookie", cookie).body());
        assertThat(csrf.find()).isTrue();
        String cancel = "/api/v1/runs/" + run + "/cancel";

        HttpResponse<String> without = anonymous.post(cancel, "", "Cookie", cookie);
        assertThat(without.statusCode()).as(without.body()).isEqualTo(403);
        assertThat(ApiClient.json(without).get("error").asText()).contains("X-CSRF-Token");
        HttpResponse<String> wrong = anonymous.post(cancel, "", "Cookie", cookie, "X-CSRF-Token", "not-" + csrf.group(1));
        assertThat(wrong.statusCode()).isEqualTo(403);
        HttpResponse<String> noCookie = anonymous.post(cancel, "");
        assertThat(noCookie.statusCode()).as("no credential at all is still 401").isEqualTo(401);
        HttpResponse<String> with = anonymous.post(cancel, "", "Cookie", cookie, "X-CSRF-Token", csrf.group(1));
        assertThat(with.statusCode()).as("with the token the cookie acts: the run has ended, so 409 " + with.body())
                .isEqualTo(409);
    }

    private static byte[] bytes(HttpResponse<String> response) {
        return response.body().getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
