package io.provisioner.probe;

import io.provisioner.lab.NetNamespace;
import io.provisioner.lab.Requirements;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the packaged {@code provisioner probe} in a JVM of its own: inside a namespace, or here with JVM options. */
final class ProbeCli {
    private ProbeCli() {
    }

    static NetNamespace.Result runIn(NetNamespace ns, Duration limit, String... args) {
        return ns.exec(limit, command(List.of(), args).toArray(String[]::new));
    }

    /**
     * Runs it here, in a JVM started with {@code jvmOptions} (e.g. {@code -Djdk.net.hosts.file=FILE}); the result's
     * output is stdout only (stderr goes to the test's own output).
     */
    static NetNamespace.Result run(Duration limit, List<String> jvmOptions, String... args) throws Exception {
        Process p = new ProcessBuilder(command(jvmOptions, args)).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return "";
            }
        });
        if (!p.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("provisioner probe did not end within " + limit);
        }
        return new NetNamespace.Result(p.exitValue(), out.get());
    }

    private static List<String> command(List<String> jvmOptions, String... args) {
        String jar = System.getenv("PROVISIONER_JAR");
        Requirements.require(jar != null && Files.exists(Path.of(jar)), "target/provisioner.jar (run through failsafe)");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1"));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-jar", jar, "probe"));
        argv.addAll(List.of(args));
        return argv;
    }
}
