package io.provisioner.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code provisioner sandbox up}: the packaged jar keeps simulated hosts for a two-host spec running and
 * writes a spec pointing at them; every runbook verb then works against that spec from another process,
 * and stopping the sandbox removes it.
 */
class SandboxUpIT {
    private static final String SPEC = """
            version: 1
            defaults:
              proxy: {http: http://proxy.corp.example:3128, https: http://proxy.corp.example:3128, no_proxy: []}
              git_base: auto
              passwords: {admin: upadmin, database: updb, rabbit: uprabbit, service: upservice}
              fixups: auto
              retries: 2
            hosts:
              - {name: ctl, address: 10.30.0.11, role: controller}
              - {name: cmp1, address: 10.30.0.12, role: compute}
            """;

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theHostsStayUpAndEveryRunbookVerbWorksAgainstTheWrittenSpec() throws Exception {
        Path spec = Files.writeString(dir.resolve("lab.yaml"), SPEC);
        Path sandboxSpec = dir.resolve("sandbox.yaml");
        String jar = Path.of(System.getenv().getOrDefault("PROVISIONER_JAR", "target/provisioner.jar")).toAbsolutePath().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process up = new ProcessBuilder(java, "-jar", jar, "sandbox", "up", "-f", spec.toString(), "--faults", "apt-source",
                "--out", sandboxSpec.toString()).redirectErrorStream(true).start();
        List<String> said = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                said.add(line);
                if (line.startsWith("sandbox: up")) {
                    break;
                }
            }
            assertThat(said).as("sandbox up said").anyMatch(l -> l.startsWith("sandbox: up"));
            assertThat(said).anyMatch(l -> l.startsWith("sandbox: host ctl (controller): ssh stack@127."))
                    .anyMatch(l -> l.startsWith("sandbox: host cmp1 (compute): ssh stack@127."));
            String sandboxRoot = rootOf(said);

            Run preflight = cli("preflight", "-f", sandboxSpec.toString());
            assertThat(preflight.exit()).as(preflight.out()).isEqualTo(ExitCodes.FAILED);
            assertThat(preflight.out()).contains("ctl").contains("cmp1").contains("apt");

            Run fixup = cli("fixup", "apt-sources", "-f", sandboxSpec.toString(), "--host", "ctl");
            assertThat(fixup.exit()).as(fixup.out()).isZero();

            Run deploy = cli("deploy", "-f", sandboxSpec.toString());
            assertThat(deploy.exit()).as(deploy.out()).isZero();
            assertThat(deploy.out()).contains("2 of 2 hosts healthy");

            Run status = cli("status", "-f", sandboxSpec.toString());
            assertThat(status.exit()).as(status.out()).isZero();
            assertThat(status.out()).contains("ctl").contains("cmp1").contains("healthy");

            Run unstack = cli("unstack", "-f", sandboxSpec.toString(), "--host", "cmp1");
            assertThat(unstack.exit()).as(unstack.out()).isZero();

            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("sandbox up stops on SIGTERM").isTrue();
            assertThat(Path.of(sandboxRoot)).as("the sandbox is removed when it stops").doesNotExist();
        } finally {
            up.destroyForcibly();
        }
    }

    private static String rootOf(List<String> said) {
        Pattern root = Pattern.compile("root (/\\S+)/hosts/ctl$");
        for (String line : said) {
            Matcher m = root.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no host root in " + said);
    }
}
