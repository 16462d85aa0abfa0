package io.provisioner.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioner.lab.ChromiumBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in real headless Chromium against a real {@code provisioner serve} process running sandbox
 * deploys: an operator signs in, submits the seed sandbox run and watches its host go through its phases to
 * healthy on the same page (no reload), with the fix-ups and the failed-then-retried stack.sh attempts in
 * the timeline; a failed run's evidence line opens the log at that line; the log viewer shows a running
 * stack.sh's lines growing on the same page (stack.sh slowed to seconds); each attempt's link on the run page
 * opens that attempt's log; a viewer cannot submit, neither in the page nor through the API. Every page is saved under target/screenshots/ in light and dark, at 1280 px
 * and phone width. A console error on any page fails the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    private static final String OPERATOR = "operator-token-4f1b2c";
    private static final String VIEWER = "viewer-token-9d8e7a";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String TIME_SCALE = "0.02";
    private static final Pattern LINES = Pattern.compile("(\\d+) lines");

    private static ServeProcess serve;
    private static ChromiumBrowser browser;
    private static ChromeDriver driver;
    /** A run whose host ends failed after stack.sh ran, submitted at the start so it is done when needed. */
    private static String failingRun;
    /** The seed run of the first test: healthy after failed-then-retried stack.sh attempts. */
    private static String seedRun;

    @BeforeAll
    static void startServeAndChromium() throws Exception {
        ChromiumBrowser.require();
        java.nio.file.Files.createDirectories(Path.of("target"));
        // stack.sh slowed down to seconds, so a running log can be watched growing
        serve = ServeProcess.start(java.nio.file.Files.createTempDirectory(Path.of("target"), "dashboard-it-"), Map.of(OPERATOR, "ops operator", VIEWER, "watcher viewer"),
                Map.of("SIM_TIME_SCALE", TIME_SCALE), "--workers", "2");
        failingRun = serve.submit(OPERATOR, "{\"sandbox\": {\"faults\": [\"service-start\"]}, \"retries\": 0}");
        browser = ChromiumBrowser.start(Path.of("target", "chromium"));
        driver = browser.driver();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (serve != null) {
            serve.close();
        }
    }

    @AfterEach
    void noPageLoggedAConsoleError() {
        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
    }

    @Test
    @Order(1)
    void anOperatorSubmitsTheSeedSandboxRunAndWatchesItsHostGoHealthyWithoutReloading() throws Exception {
        driver.get(serve.base() + "/login?token=" + OPERATOR + "&next=" + URLEncoder.encode("/submit", StandardCharsets.UTF_8));
        assertThat(driver.getCurrentUrl()).as("the token left the address bar").isEqualTo(serve.base() + "/submit");
        await(Duration.ofSeconds(20), "the submit form", () -> !driver.findElements(By.id("submit-form")).isEmpty());
        shoot("submit");

        js("window.__sameDocument = 'yes'");
        new Select(driver.findElement(By.id("faults"))).selectByValue("seed");
        driver.findElement(By.id("start")).click();
        await(Duration.ofSeconds(30), "the run page", () -> driver.getCurrentUrl().matches(".*/runs/[^/]+$"));
        String runId = driver.getCurrentUrl().replaceAll(".*/runs/", "");
        seedRun = runId;
        js("""
                window.__seen = [];
                const record = () => document.querySelectorAll('#hosts tr[data-host]').forEach((r) =>
                  window.__seen.push([r.dataset.host, r.dataset.status, r.dataset.step, r.dataset.phase].join('|')));
                new MutationObserver(record).observe(document.getElementById('hosts'),
                  {subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'data-step', 'data-phase']});
                record();""");

        boolean shotWhileStacking = false;
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (!"healthy".equals(rowData("sandbox1", "status"))) {
            assertThat(System.nanoTime()).as("sandbox1 healthy within 8 minutes; seen " + seen()).isLessThan(deadline);
            if (!shotWhileStacking && "stack".equals(rowData("sandbox1", "step")) && !rowData("sandbox1", "phase").isEmpty()) {
                shoot("run-live");
                shotWhileStacking = true;
            }
            Thread.sleep(500);
        }

        assertThat(js("return window.__sameDocument")).as("the page was never reloaded").isEqualTo("yes");
        List<String> seen = seen();
        Set<String> steps = new LinkedHashSet<>();
        Set<String> phases = new LinkedHashSet<>();
        Set<String> statuses = new LinkedHashSet<>();
        for (String entry : seen) {
            String[] parts = entry.split("\\|", -1);
            if (parts[0].equals("sandbox1")) {
                statuses.add(parts[1]);
                steps.add(parts[2]);
                phases.add(parts[3]);
            }
        }
        phases.remove("");
        assertThat(statuses).as("live statuses").contains("running", "healthy");
        assertThat(steps).as("live steps").contains("preflight", "stack");
        assertThat(phases).as("DevStack phases seen live: " + phases).hasSizeGreaterThanOrEqualTo(3);
        assertThat(driver.findElement(By.cssSelector("#hosts tr[data-host='sandbox1'] .progress")).getAttribute("aria-valuenow"))
                .isEqualTo("100");

        await(Duration.ofSeconds(30), "the report links", () -> !driver.findElements(By.id("report-json")).isEmpty());
        await(Duration.ofSeconds(30), "the report's timeline", () -> !driver.findElements(By.cssSelector("#host-sandbox1 .gantt-label[data-step='verify']")).isEmpty());
        List<String> stackAttempts = strings(js("return [...document.querySelectorAll(\"#host-sandbox1 .gantt-label[data-step='stack']\")]"
                + ".map((l) => l.dataset.attempt + ':' + l.dataset.status)"));
        assertThat(stackAttempts).as("stack.sh attempts in the timeline").hasSizeGreaterThanOrEqualTo(2);
        assertThat(stackAttempts.get(0)).endsWith(":failed");
        assertThat(stackAttempts.get(stackAttempts.size() - 1)).endsWith(":passed");

        JsonNode report = serve.run(OPERATOR, runId).get("hosts").get(0);
        String fixupList = driver.findElement(By.id("fixups-sandbox1")).getText().replaceAll("\\s+", " ");
        int fixupSteps = 0;
        for (JsonNode step : report.get("steps")) {
            String name = step.get("step").asText();
            if (name.startsWith("fixup:")) {
                fixupSteps++;
                String detail = step.get("detail").asText().replaceAll("\\s+", " ").strip();
                assertThat(fixupList).as("fix-up %s and what it changed", name).contains(name.substring(6))
                        .contains(detail.substring(0, Math.min(60, detail.length())));
            }
        }
        assertThat(fixupSteps).as("the seed faults need fix-ups").isPositive();
        shoot("run");

        driver.findElement(By.cssSelector("a[data-nav='runs']")).click();
        await(Duration.ofSeconds(20), "the run in the list", () -> !driver.findElements(By.cssSelector("#runs tr[data-run='" + runId + "']")).isEmpty());
        assertThat(js("return document.querySelector(\"#runs tr[data-run='" + runId + "']\").innerText")).asString()
                .contains("healthy").contains("sandbox");
        assertThat(js("return window.__sameDocument")).isEqualTo("yes");
        shoot("runs");
    }

    @Test
    @Order(2)
    void anEvidenceLineOfAFailedRunOpensTheLogAtThatLine() throws Exception {
        JsonNode run = serve.awaitEnd(OPERATOR, failingRun, Duration.ofMinutes(8));
        JsonNode host = run.get("hosts").get(0);
        assertThat(host.get("status").asText()).as(run.toString()).isEqualTo("failed");
        JsonNode evidence = host.get("diagnosis").get("evidence");
        assertThat(evidence.size()).as("the diagnosis has evidence lines").isPositive();
        long line = evidence.get(0).get("line").asLong();

        driver.get(serve.base() + "/runs/" + failingRun);
        await(Duration.ofSeconds(30), "the evidence links", () -> !driver.findElements(By.cssSelector("#diagnosis-sandbox1 a.evidence-line")).isEmpty());
        assertThat(driver.findElement(By.id("diagnosis-sandbox1")).getText()).contains(host.get("diagnosis").get("category").asText());
        shoot("run-failed");
        driver.findElement(By.cssSelector("#diagnosis-sandbox1 a.evidence-line")).click();

        await(Duration.ofSeconds(60), "the log at line " + line, () -> !driver.findElements(By.cssSelector(".logrow.target")).isEmpty());
        assertThat(driver.getCurrentUrl()).endsWith("/runs/" + failingRun + "/hosts/sandbox1/log?line=" + line);
        WebElement target = driver.findElement(By.cssSelector(".logrow.target"));
        assertThat(target.getAttribute("data-line")).isEqualTo(String.valueOf(line));
        assertThat(target.getText()).contains(evidence.get(0).get("text").asText().strip());
        assertThat(target.isDisplayed()).isTrue();
        shoot("log");
    }

    @Test
    @Order(3)
    void theLogViewerShowsTheLinesOfARunningStackShGrowingWithoutReloading() throws Exception {
        String run = serve.submit(OPERATOR, "{\"sandbox\": {\"faults\": \"none\"}}");
        driver.get(serve.base() + "/runs/" + run + "/hosts/sandbox1/log");
        js("window.__sameDocument = 'yes'");
        await(Duration.ofMinutes(3), "the log following stack.sh", () -> status().startsWith("live") && linesShown() > 0);

        List<Integer> seen = new ArrayList<>();
        boolean shot = false;
        while ("running".equals(serve.run(OPERATOR, run).get("state").asText()) && status().startsWith("live")) {
            int lines = linesShown();
            if (seen.isEmpty() || lines != seen.get(seen.size() - 1)) {
                seen.add(lines);
            }
            if (!shot && seen.size() >= 3) {
                shoot("log-live");
                shot = true;
            }
            Thread.sleep(400);
        }
        assertThat(seen).as("line counts the page showed while stack.sh ran").hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(js("const v = document.getElementById('logview'); return v.scrollTop + v.clientHeight >= v.scrollHeight - 40"))
                .as("following: the view is at the newest lines").isEqualTo(true);

        serve.awaitEnd(OPERATOR, run, Duration.ofMinutes(5));
        await(Duration.ofSeconds(30), "the log complete", () -> !status().startsWith("live") && status().contains(" lines"));
        String served = serve.call("GET", "/api/v1/runs/" + run + "/hosts/sandbox1/log", OPERATOR, null, Map.of()).body();
        assertThat(linesShown()).as("every line of the log, fetched piece by piece while it grew").isEqualTo((int) served.lines().count());
        assertThat(js("return window.__sameDocument")).as("the page was never reloaded").isEqualTo("yes");
        assertThat(seen.get(0)).as("the first lines shown were fewer than the whole log").isLessThan((int) served.lines().count());
    }

    @Test
    @Order(4)
    void eachStackShAttemptsLinkOnTheRunPageOpensThatAttemptsLog() throws Exception {
        JsonNode run = serve.awaitEnd(OPERATOR, seedRun, Duration.ofMinutes(5));
        List<JsonNode> logs = new ArrayList<>();
        run.get("logs").forEach(logs::add);
        assertThat(logs).as("the seed run's attempts").hasSizeGreaterThanOrEqualTo(2);
        driver.get(serve.base() + "/runs/" + seedRun);
        for (JsonNode log : logs) {
            String attempt = log.get("attempt").asText();
            String link = "#logs-sandbox1 a.attempt-log[data-attempt='" + attempt + "']";
            await(Duration.ofSeconds(30), "the link to attempt " + attempt, () -> !driver.findElements(By.cssSelector(link)).isEmpty());
            if (attempt.equals("1")) {
                shoot("run-attempts");
            }
            driver.findElement(By.cssSelector(link)).click();
            await(Duration.ofSeconds(30), "attempt " + attempt + "'s log", () -> status().startsWith("attempt " + attempt + " ·"));
            assertThat(driver.getCurrentUrl()).endsWith("/runs/" + seedRun + "/hosts/sandbox1/log?attempt=" + attempt);
            assertThat(driver.findElement(By.cssSelector("#log-attempts .attempt-shown")).getText()).isEqualTo("#" + attempt);
            String served = serve.call("GET", log.get("url").asText(), OPERATOR, null, Map.of()).body();
            assertThat(linesShown()).as("attempt %s's lines", attempt).isEqualTo((int) served.lines().count());
            driver.navigate().back();
        }
    }

    @Test
    @Order(5)
    void aViewerSeesNoSubmitFormAndTheApiRefusesTheirSubmit() throws Exception {
        driver.findElement(By.cssSelector("form.signout button")).click();
        await(Duration.ofSeconds(20), "the sign-in page", () -> driver.getCurrentUrl().contains("/login"));
        shoot("login");
        driver.get(serve.base() + "/login?token=" + VIEWER + "&next=%2Fsubmit");
        await(Duration.ofSeconds(20), "the viewer's note", () -> !driver.findElements(By.id("not-operator")).isEmpty());
        assertThat(driver.findElements(By.id("submit-form"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("meta[name='provisioner-role']")).getAttribute("content")).isEqualTo("viewer");
        shoot("submit-viewer");

        Cookie session = driver.manage().getCookieNamed(SessionCookie.NAME);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        String csrf = driver.findElement(By.cssSelector("meta[name='csrf-token']")).getAttribute("content");
        String body = "{\"sandbox\": {\"faults\": \"none\"}}";
        HttpResponse<String> byCookie = serve.call("POST", "/api/v1/runs", null, body,
                Map.of("Cookie", SessionCookie.NAME + "=" + session.getValue(), SessionCookieAuthenticator.CSRF_HEADER, csrf));
        assertThat(byCookie.statusCode()).as(byCookie.body()).isEqualTo(403);
        HttpResponse<String> byToken = serve.call("POST", "/api/v1/runs", VIEWER, body, Map.of());
        assertThat(byToken.statusCode()).as(byToken.body()).isEqualTo(403);
        HttpResponse<String> reads = serve.call("GET", "/api/v1/runs", null, null,
                Map.of("Cookie", SessionCookie.NAME + "=" + session.getValue()));
        assertThat(reads.statusCode()).as("the viewer's cookie reads the API").isEqualTo(200);

        driver.get(serve.base() + "/runs/" + failingRun);
        await(Duration.ofSeconds(20), "the run header", () -> !driver.findElements(By.cssSelector("#run-header h1")).isEmpty());
        assertThat(driver.findElements(By.id("cancel"))).as("no cancel button for a viewer").isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static String status() {
        return driver.findElement(By.id("log-status")).getText();
    }

    /** The number of log lines the viewer says it holds ("... · N lines"). */
    private static int linesShown() {
        Matcher m = LINES.matcher(status());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String rowData(String host, String key) {
        Object value = js("const r = document.querySelector(`#hosts tr[data-host='" + host + "']`); return r ? (r.dataset['" + key + "'] || '') : '';");
        return value == null ? "" : value.toString();
    }

    private static List<String> seen() {
        return strings(js("return window.__seen || []"));
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        }
        return out;
    }

    private static void await(Duration timeout, String what, java.util.function.BooleanSupplier ready) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(200)).withMessage(what).until(d -> ready.getAsBoolean());
    }

    /** The page in light and dark, at 1280 px and phone width; back to light at 1280 afterwards. */
    private static void shoot(String page) throws InterruptedException {
        for (boolean dark : new boolean[] {false, true}) {
            browser.preferDark(dark);
            for (ChromiumBrowser.Screen screen : ChromiumBrowser.Screen.values()) {
                browser.screen(screen);
                Thread.sleep(150);
                browser.screenshot(SCREENSHOTS.resolve(page + "-" + (dark ? "dark" : "light") + "-" + screen.label() + ".png"));
            }
        }
        browser.preferDark(false);
        browser.screen(ChromiumBrowser.Screen.DESKTOP);
    }
}
