package io.provisioner.lab;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (Selenium's WebDriver client only:
 * the driver and browser paths are given, so Selenium Manager never looks for or downloads anything).
 * A fresh profile directory per browser, removed on close; no network beyond what the page asks of loopback.
 * Light or dark preference and phone or desktop width are emulated through the DevTools protocol.
 */
public final class ChromiumBrowser implements LabComponent {
    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    /** Desktop and phone widths the dashboard must work at. */
    public enum Screen {
        DESKTOP(1280, 900, false), PHONE(390, 844, true);

        final int width;
        final int height;
        final boolean mobile;

        Screen(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }

        public String label() {
            return this == DESKTOP ? "1280" : "phone";
        }
    }

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private ChromiumBrowser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    /** Skips (or fails in CI) when Chromium or chromedriver is missing. */
    public static void require() {
        Requirements.requireExecutable(BINARY);
        Requirements.requireExecutable(DRIVER);
    }

    public static ChromiumBrowser start(Path workDir) {
        require();
        System.setProperty("webdriver.chrome.driver", DRIVER);
        Path profile;
        try {
            Files.createDirectories(workDir);
            profile = Files.createTempDirectory(workDir, "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--enable-precise-memory-info", "--user-data-dir=" + profile,
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        return new ChromiumBrowser(driver, service, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Emulates the reader's colour preference ({@code prefers-color-scheme}). */
    public void preferDark(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /** Emulates a screen width (the phone as a mobile viewport). */
    public void screen(Screen screen) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", screen.width, "height",
                screen.height, "deviceScaleFactor", 1, "mobile", screen.mobile));
    }

    /** Saves what the page shows as a PNG. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console messages at level SEVERE (console.error, uncaught exceptions, failed loads) since last asked. */
    public List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /** The page's JavaScript heap in use, in bytes, after a full garbage collection. */
    @SuppressWarnings("unchecked")
    public long jsHeapUsedAfterGc() {
        driver.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        Map<String, Object> usage = driver.executeCdpCommand("Runtime.getHeapUsage", Map.of());
        return ((Number) usage.get("usedSize")).longValue();
    }

    /** How many DOM nodes the page holds. */
    @SuppressWarnings("unchecked")
    public long domNodes() {
        driver.executeCdpCommand("Performance.enable", Map.of());
        Map<String, Object> metrics = driver.executeCdpCommand("Performance.getMetrics", Map.of());
        for (Map<String, Object> metric : (List<Map<String, Object>>) metrics.get("metrics")) {
            if ("Nodes".equals(metric.get("name"))) {
                return ((Number) metric.get("value")).longValue();
            }
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a profile file still held by an exiting child is removed with the build directory
            }
        }
    }
}
