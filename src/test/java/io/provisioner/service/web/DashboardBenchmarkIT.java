package io.provisioner.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioner.lab.ChromiumBrowser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints figures, asserts no timing: (1) time to first paint and to the host rows of the run page of a
 * four-host sandbox run whose four logs together hold 40 MB, and how long the 10 MB log page takes to load,
 * with the page's JS heap and DOM size; (2) the page's JS heap and DOM size, sampled every 30 s, while the log
 * page follows a running deploy for 5 minutes (the log itself, growing: stack.sh at time scale 1); (3) the same
while the log grows steadily at 40 KB/s. Against a real serve process and headless Chromium.
 */
@Tag("benchmark")
class DashboardBenchmarkIT {
    private static final String OPERATOR = "bench-operator-token";
    private static final int LOG_BYTES_PER_HOST = 10 * 1024 * 1024;
    private static final int FAST_BYTES_PER_SECOND = 40 * 1024;

    @Test
    void runPageWithFourHostsAndFortyMegabytesOfLogs() throws Exception {
        ChromiumBrowser.require();
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "dashboard-bench-");
        // AUTO_SERVER lets the benchmark write the big logs into serve's own H2 database while it runs
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (ServeProcess serve = ServeProcess.start(dir, Map.of(OPERATOR, "bench operator"), "--db", url, "--workers", "2");
             ChromiumBrowser browser = ChromiumBrowser.start(Path.of("target", "chromium"))) {
            String run = serve.submit(OPERATOR, "{\"sandbox\": {\"faults\": \"none\", \"hosts\": 4}}");
            JsonNode ended = serve.awaitEnd(OPERATOR, run, Duration.ofMinutes(15));
            assertThat(ended.get("hosts").size()).isEqualTo(4);
            long total = growLogs(url, run);
            System.out.printf("run page benchmark: run %s, 4 hosts, %.1f MB of logs stored%n", run, total / 1048576.0);

            var driver = browser.driver();
            driver.get(serve.base() + "/login?token=" + OPERATOR + "&next=/");
            List<Double> paints = new ArrayList<>();
            List<Double> drawn = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                driver.get(serve.base() + "/runs/" + run);
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> js(d, "return performance.getEntriesByName('run-hosts-drawn').length") != null
                        && ((Number) js(d, "return performance.getEntriesByName('run-hosts-drawn').length")).intValue() > 0);
                paints.add(((Number) js(driver, "const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : -1")).doubleValue());
                drawn.add(((Number) js(driver, "return performance.getEntriesByName('run-hosts-drawn')[0].startTime")).doubleValue());
            }
            System.out.printf("run page: first contentful paint median %.0f ms (all %s); four host rows drawn median %.0f ms (all %s)%n",
                    median(paints), rounded(paints), median(drawn), rounded(drawn));
            System.out.printf("run page: JS heap %.1f MB after GC, %d DOM nodes%n", browser.jsHeapUsedAfterGc() / 1048576.0, browser.domNodes());

            List<Double> logLoads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                driver.get(serve.base() + "/runs/" + run + "/hosts/sandbox1/log");
                long start = System.nanoTime();
                new WebDriverWait(driver, Duration.ofSeconds(120), Duration.ofMillis(50)).until(d -> {
                    String status = d.findElement(By.id("log-status")).getText();
                    return status.contains(" lines") && !status.contains(" of ");
                });
                logLoads.add((System.nanoTime() - start) / 1e6);
            }
            System.out.printf("log page, 10 MB log: loaded and drawn in median %.0f ms (all %s); %s; JS heap %.1f MB after GC, %d DOM nodes%n",
                    median(logLoads), rounded(logLoads), driver.findElement(By.id("log-status")).getText(),
                    browser.jsHeapUsedAfterGc() / 1048576.0, browser.domNodes());
            long scrollStart = System.nanoTime();
            js(driver, "const v = document.getElementById('logview'); for (let i = 1; i <= 50; i++) { v.scrollTop = v.scrollHeight * i / 50; v.dispatchEvent(new Event('scroll')); }");
            js(driver, "return new Promise((resolve) => requestAnimationFrame(() => resolve(1)))");
            System.out.printf("log page: 50 jumps through the 10 MB log and a frame in %.0f ms%n", (System.nanoTime() - scrollStart) / 1e6);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void followingARunningLogForFiveMinutes() throws Exception {
        ChromiumBrowser.require();
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "dashboard-follow-");
        // a slow sandbox: at time scale 1 the simulated stack.sh takes its simulated ~400 s
        try (ServeProcess serve = ServeProcess.start(dir, Map.of(OPERATOR, "bench operator"), Map.of("SIM_TIME_SCALE", "1.0"));
             ChromiumBrowser browser = ChromiumBrowser.start(Path.of("target", "chromium"))) {
            String run = serve.submit(OPERATOR, "{\"sandbox\": {\"faults\": \"none\"}}");
            var driver = browser.driver();
            driver.get(serve.base() + "/login?token=" + OPERATOR + "&next=/runs/" + run + "/hosts/sandbox1/log");
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.findElement(By.id("log-status")).getText().startsWith("live"));
            List<String> samples = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i <= 10; i++) {
                long due = start + Duration.ofSeconds(30L * i).toNanos();
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                long rows = ((Number) js(driver, "return document.querySelectorAll('.logrow').length")).longValue();
                String status = driver.findElement(By.id("log-status")).getText();
                JsonNode now = serve.run(OPERATOR, run);
                long stored = 0;
                for (JsonNode log : now.get("logs")) {
                    stored = log.get("host").asText().equals("sandbox1") ? Math.max(stored, log.get("bytes").asLong()) : stored;
                }
                String sample = String.format("%3ds heap %.2f MB, %d DOM nodes, %d rows in the DOM, page: '%s', log stored %d bytes, state %s",
                        30 * i, browser.jsHeapUsedAfterGc() / 1048576.0, browser.domNodes(), rows, status, stored, now.get("state").asText());
                samples.add(sample);
                System.out.println("following a running log: " + sample);
            }
            System.out.println("following a running log for 5 minutes: " + samples.get(0) + " -> " + samples.get(samples.size() - 1));
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    /**
     * The simulated stack.sh writes a few hundred lines a minute, in bursts. To follow a log that grows fast and
     * steadily, this benchmark writes one itself: attempt 9 of the running run's host, appended through serve's
     * own database (H2 AUTO_SERVER) at {@link #FAST_BYTES_PER_SECOND}, four chunks a second, from the lines the
     * real stack.sh wrote first; the page follows {@code ?attempt=9} as it would any running attempt.
     */
    @Test
    void followingAFastGrowingLogForFiveMinutes() throws Exception {
        ChromiumBrowser.require();
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "dashboard-follow-fast-");
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (ServeProcess serve = ServeProcess.start(dir, Map.of(OPERATOR, "bench operator"), Map.of("SIM_TIME_SCALE", "1.0"),
                "--db", url);
             ChromiumBrowser browser = ChromiumBrowser.start(Path.of("target", "chromium"))) {
            String run = serve.submit(OPERATOR, "{\"sandbox\": {\"faults\": \"none\"}}");
            String logPath = "/api/v1/runs/" + run + "/hosts/sandbox1/log?attempt=1";
            long waitUntil = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            String source = "";
            while (source.length() < 16 * 1024 && System.nanoTime() < waitUntil) {
                Thread.sleep(2000);
                source = serve.call("GET", logPath, OPERATOR, null, Map.of()).body();
            }
            List<String> lines = source.lines().toList();
            assertThat(lines).as("the real stack.sh's first lines").hasSizeGreaterThan(50);

            var driver = browser.driver();
            driver.get(serve.base() + "/login?token=" + OPERATOR + "&next=/runs/" + run + "/hosts/sandbox1/log?attempt=9");
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.findElement(By.id("log-status")).getText().startsWith("live"));
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread writer = new Thread(() -> appendSteadily(url, run, lines, written, writing), "log-writer");
            writer.start();
            List<String> samples = new ArrayList<>();
            try {
                long start = System.nanoTime();
                for (int i = 0; i <= 10; i++) {
                    long due = start + Duration.ofSeconds(30L * i).toNanos();
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                    long rows = ((Number) js(driver, "return document.querySelectorAll('.logrow').length")).longValue();
                    String sample = String.format("%3ds heap %.2f MB, %d DOM nodes, %d rows in the DOM, page: '%s', log written %.2f MB",
                            30 * i, browser.jsHeapUsedAfterGc() / 1048576.0, browser.domNodes(), rows,
                            driver.findElement(By.id("log-status")).getText(), written.get() / 1048576.0);
                    samples.add(sample);
                    System.out.println("following a fast-growing log: " + sample);
                }
            } finally {
                writing.set(false);
                writer.join(10_000);
            }
            System.out.println("following a fast-growing log for 5 minutes: " + samples.get(0) + " -> " + samples.get(samples.size() - 1));
            assertThat(written.get()).as("the log grew").isGreaterThan(FAST_BYTES_PER_SECOND * 60L);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    /** Appends the lines, numbered, to attempt 9 of sandbox1 in four chunks a second until told to stop. */
    private static void appendSteadily(String url, String run, List<String> lines, java.util.concurrent.atomic.AtomicLong written,
                                       java.util.concurrent.atomic.AtomicBoolean writing) {
        int perChunk = FAST_BYTES_PER_SECOND / 4;
        long next = System.nanoTime();
        int line = 0;
        try (Connection c = DriverManager.getConnection(url, "", "");
             PreparedStatement ps = c.prepareStatement("insert into run_log_chunks (run_id, host, attempt, byte_offset, "
                     + "byte_length, content) values (?, 'sandbox1', 9, ?, ?, ?)")) {
            while (writing.get()) {
                StringBuilder chunk = new StringBuilder(perChunk + 256);
                while (chunk.length() < perChunk) {
                    chunk.append(line).append(' ').append(lines.get(line % lines.size())).append('\n');
                    line++;
                }
                String text = chunk.toString();
                int length = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                ps.setString(1, run);
                ps.setLong(2, written.get());
                ps.setInt(3, length);
                ps.setString(4, text);
                ps.executeUpdate();
                written.addAndGet(length);
                next += 250_000_000L;
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("appending to the log: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes each host's log (its last stack.sh attempt's, as stored live) 10 MB by appending its own text again
     * and again as further chunks (the logs of a long real deploy).
     */
    private static long growLogs(String url, String run) throws Exception {
        long total = 0;
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            java.util.Map<String, Integer> lastAttempt = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("select host, max(attempt) from run_log_chunks where run_id = ? group by host")) {
                ps.setString(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lastAttempt.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            assertThat(lastAttempt).hasSize(4);
            for (var host : lastAttempt.entrySet()) {
                StringBuilder log = new StringBuilder();
                try (PreparedStatement ps = c.prepareStatement("select content from run_log_chunks where run_id = ? and host = ? "
                        + "and attempt = ? order by byte_offset")) {
                    ps.setString(1, run);
                    ps.setString(2, host.getKey());
                    ps.setInt(3, host.getValue());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            log.append(rs.getString(1));
                        }
                    }
                }
                String text = log.toString();
                int length = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                long offset = length;
                try (PreparedStatement ps = c.prepareStatement("insert into run_log_chunks (run_id, host, attempt, byte_offset, "
                        + "byte_length, content) values (?, ?, ?, ?, ?, ?)")) {
                    while (offset < LOG_BYTES_PER_HOST) {
                        ps.setString(1, run);
                        ps.setString(2, host.getKey());
                        ps.setInt(3, host.getValue());
                        ps.setLong(4, offset);
                        ps.setInt(5, length);
                        ps.setString(6, text);
                        ps.executeUpdate();
                        offset += length;
                    }
                }
                total += offset;
            }
        }
        return total;
    }

    private static Object js(org.openqa.selenium.WebDriver driver, String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }
}
