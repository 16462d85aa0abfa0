package io.provisioner.service.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.provisioner.service.auth.Principal;
import io.provisioner.service.auth.Role;
import io.provisioner.service.auth.TokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's HTTP side on a real JDK HttpServer, driven by the JDK's HTTP client: signing in with a
 * token, the cookie's attributes, redirects, the CSRF rule, sign-out, assets and the page shell. A stand-in
 * {@code /api/v1/probe} context answers with whoever the session-cookie authenticator says sent the request.
 */
class DashboardHttpTest {
    private static final String OPERATOR_TOKEN = "op-token-0123456789";
    private static final String VIEWER_TOKEN = "view-token-0123456789";

    private HttpServer server;
    private SessionStore sessions;
    private String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicReference<Optional<Principal>> lastSeen = new AtomicReference<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        TokenStore tokens = TokenStore.of(List.of(new Principal("ops", Role.OPERATOR), new Principal("watcher", Role.VIEWER)),
                List.of(OPERATOR_TOKEN, VIEWER_TOKEN));
        sessions = new SessionStore();
        SessionCookieAuthenticator cookies = Dashboard.mount(server, tokens, sessions);
        server.createContext("/api/v1/probe", exchange -> {
            lastSeen.set(cookies.authenticate(exchange));
            reply(exchange, lastSeen.get().map(p -> p.name() + " " + p.role()).orElse("nobody"));
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void aTokenInTheAddressIsTradedForAStrictHttpOnlyCookieAndARedirectWithoutIt() throws Exception {
        HttpResponse<String> login = get("/login?token=" + OPERATOR_TOKEN + "&next=%2Fruns%2F42", null);

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).contains("/runs/42");
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(SessionCookie.NAME + "=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain(OPERATOR_TOKEN);
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("no-referrer");

        HttpResponse<String> page = get("/runs/42", cookieOf(setCookie));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<meta name=\"provisioner-role\" content=\"operator\">")
                .contains("<meta name=\"provisioner-user\" content=\"ops\">").doesNotContain(OPERATOR_TOKEN);
        assertThat(csrfOf(page.body())).isEqualTo(sessions.find(idOf(setCookie)).orElseThrow().csrfToken());
    }

    @Test
    void anUnknownTokenGetsTheFormAgainWith401AndNoCookie() throws Exception {
        HttpResponse<String> login = get("/login?token=wrong&next=/runs/1", null);
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(login.body()).contains("not known to this server").contains("value=\"/runs/1\"");
        assertThat(sessions.size()).isZero();
    }

    @Test
    void theSignInFormPostsTheTokenAndAForeignOriginIsRefused() throws Exception {
        String form = "token=" + VIEWER_TOKEN + "&next=%2Fsubmit";
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).contains("/submit");

        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void anOffSiteNextGoesHomeInstead() throws Exception {
        HttpResponse<String> login = get("/login?token=" + OPERATOR_TOKEN + "&next=%2F%2Fevil.example%2F", null);
        assertThat(login.headers().firstValue("Location")).contains("/");
    }

    @Test
    void pagesWithoutASessionRedirectToSignInKeepingThePath() throws Exception {
        HttpResponse<String> page = get("/runs/7/hosts/ctl/log?line=12", null);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location"))
                .contains("/login?next=%2Fruns%2F7%2Fhosts%2Fctl%2Flog%3Fline%3D12");
    }

    @Test
    void theCookieAuthenticatesReadsButAChangeNeedsTheCsrfToken() throws Exception {
        String cookie = signIn(OPERATOR_TOKEN);
        String csrf = csrfOf(get("/", cookie).body());

        assertThat(get("/api/v1/probe", cookie).body()).isEqualTo("ops OPERATOR");
        assertThat(post("/api/v1/probe", cookie, null).body()).as("POST without X-CSRF-Token").isEqualTo("nobody");
        assertThat(post("/api/v1/probe", cookie, "not-" + csrf).body()).as("POST with a wrong token").isEqualTo("nobody");
        assertThat(post("/api/v1/probe", cookie, csrf).body()).isEqualTo("ops OPERATOR");
        assertThat(get("/api/v1/probe", null).body()).isEqualTo("nobody");
    }

    @Test
    void signOutNeedsTheCsrfTokenThenTheCookieIsDead() throws Exception {
        String cookie = signIn(VIEWER_TOKEN);
        String csrf = csrfOf(get("/", cookie).body());

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/logout")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=forged")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/probe", cookie).body()).isEqualTo("watcher VIEWER");

        HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create(base + "/logout")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).contains("/login");
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(get("/api/v1/probe", cookie).body()).isEqualTo("nobody");
        assertThat(get("/", cookie).statusCode()).isEqualTo(303);
    }

    @Test
    void assetsComeFromTheJarWithTypesAnEtagAndTheContentSecurityPolicy() throws Exception {
        HttpResponse<String> js = get("/assets/app.js", null);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(js.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(js.body()).contains("export function navigate");
        String etag = js.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/assets/app.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(get("/assets/app.css", null).headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    }

    @Test
    void assetNamesCannotClimbOutOfTheAssetsFolder() throws Exception {
        assertThat(get("/assets/../login.html", null).statusCode()).isEqualTo(404);
        assertThat(get("/assets/%2e%2e/index.html", null).statusCode()).isEqualTo(404);
        assertThat(get("/assets/nothing.js", null).statusCode()).isEqualTo(404);
        assertThat(get("/assets/", null).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownApiPathsAnswer404JsonNotThePageShell() throws Exception {
        String cookie = signIn(OPERATOR_TOKEN);
        HttpResponse<String> missing = get("/api/v2/nothing", cookie);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no such API path");
    }

    private String signIn(String token) throws Exception {
        HttpResponse<String> login = get("/login?token=" + token + "&next=/", null);
        assertThat(login.statusCode()).isEqualTo(303);
        return cookieOf(login.headers().firstValue("Set-Cookie").orElseThrow());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String csrf) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString("{}"));
        request.header("Cookie", cookie);
        if (csrf != null) {
            request.header(SessionCookieAuthenticator.CSRF_HEADER, csrf);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookieOf(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String idOf(String setCookie) {
        return cookieOf(setCookie).substring(SessionCookie.NAME.length() + 1);
    }

    private static String csrfOf(String page) {
        Matcher m = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">").matcher(page);
        assertThat(m.find()).as("csrf meta tag in the page").isTrue();
        return m.group(1);
    }

    private static void reply(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
