package io.provisioner.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * preflight.sh's network checks wait on the network (git:// is often dropped by a firewall: 15 s), so they run at
 * once and their facts come back in a fixed order. The script runs here as a deploy runs it on a target, with this
 * machine's bash and coreutils. {@code git} is a stand-in (the checks ask git.openstack.org and opendev.org, which
 * no test may reach): each {@code git ls-remote} answers only if the other one is running at the same time, so
 * two checks run one after the other fail, whatever the machine's speed.
 */
class PreflightNetworkChecksTest {
    @TempDir
    Path dir;

    @Test
    void theGitChecksRunAtTheSameTimeAndTheFactsComeBackInOrder() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path marks = Files.createDirectories(dir.resolve("marks"));
        Path git = bin.resolve("git");
        Files.writeString(git, """
                #!/bin/bash
                # git ls-remote stand-in: succeeds only while the other ls-remote runs too (a barrier of two)
                touch "$BARRIER/$$"
                for _ in $(seq 100); do
                  n=$(ls "$BARRIER" | wc -l)
                  if [ "$n" -ge 2 ]; then exit 0; fi
                  sleep 0.05
                done
                echo "fatal: alone: the other check did not run alongside" >&2
                exit 128
                """);
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = dir.resolve("preflight.sh");
        try (InputStream in = Preflight.class.getResourceAsStream("preflight.sh")) {
            Files.write(script, in.readAllBytes());
        }

        try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProcessBuilder run = new ProcessBuilder("bash", script.toString(), dir.resolve("no-tree").toString(),
                    dir.resolve("no-ovs.sock").toString(), "", "git://git.example/openstack/requirements",
                    "https://git.example/openstack/requirements", "127.0.0.1:" + proxy.getLocalPort(), "")
                    .redirectError(dir.resolve("stderr").toFile());
            run.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            run.environment().put("BARRIER", marks.toString());
            Process process = run.start();
            process.getOutputStream().close(); // no database password, no proxy exports
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            List<String> network = stdout.lines().filter(line -> line.matches("(proxy|git_proto|git_https|done)=.*")).toList();
            assertThat(network).as(stdout + Files.readString(dir.resolve("stderr")))
                    .containsExactly("proxy=ok", "git_proto=ok", "git_https=ok", "done=yes");
        }
    }
}
