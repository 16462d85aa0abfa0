package io.provisioner.probe;

import io.provisioner.lab.NetNamespace;
import io.provisioner.lab.Requirements;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the packaged {@code provisioner probe} inside a namespace, so probes start from the namespace's address. */
final class ProbeCli {
    private ProbeCli() {
    }

    static NetNamespace.Result runIn(NetNamespace ns, Duration limit, String... args) {
        String jar = System.getenv("PROVISIONER_JAR");
        Requirements.require(jar != null && Files.exists(Path.of(jar)), "target/provisioner.jar (run through failsafe)");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar, "probe"));
        argv.addAll(List.of(args));
        return ns.exec(limit, argv.toArray(String[]::new));
    }
}
