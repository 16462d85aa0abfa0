package io.provisioner.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** A {@code provisioner serve} process from the packaged jar, on a free port, with its own state directory. */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) \\(instance (\\S+),");
    private final Process process;
    private final Path log;
    private final int port;
    private final String instance;

    private ServeProcess(Process process, Path log, int port, String instance) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.instance = instance;
    }

    public static Path jar() {
        String env = System.getenv("PROVISIONER_JAR");
        return env != null ? Path.of(env) : Path.of("target/provisioner.jar").toAbsolutePath();
    }

    /** Starts serve with these extra arguments and environment; waits until it listens. */
    public static ServeProcess start(Path dir, String name, Map<String, String> env, String... args) {
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve(name + ".log");
            List<String> cmd = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", jar().toString(), "serve", "--port", "0",
                    "--state-dir", dir.resolve(name + "-state").toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            String[] found = new String[2];
            await(name + " listening").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .failFast(() -> !p.isAlive()).until(() -> {
                        Matcher m = LISTENING.matcher(Files.readString(log));
                        if (m.find()) {
                            found[0] = m.group(1);
                            found[1] = m.group(2);
                            return true;
                        }
                        return false;
                    });
            return new ServeProcess(p, log, Integer.parseInt(found[0]), found[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String instance() {
        return instance;
    }

    /** The serve process's id (for its CPU time in /proc). */
    public long pid() {
        return process.pid();
    }

    public ApiClient client(String token) {
        return new ApiClient("http://127.0.0.1:" + port, token);
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown hook, nothing released. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
