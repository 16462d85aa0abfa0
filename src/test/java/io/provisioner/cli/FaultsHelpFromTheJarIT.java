package io.provisioner.cli;

import io.provisioner.sandbox.SandboxFault;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help of the two verbs that take {@code --faults}, from the packaged jar: the shaded provisioner.jar does
 * not carry the sandbox's classes, so the fault names come from provisioner-sandbox.jar beside it (the help once
 * ended in NoClassDefFoundError there, while the same help in this JVM, sandbox on the class path, was fine).
 */
class FaultsHelpFromTheJarIT {

    private static String help(String... verb) throws Exception {
        String jar = Path.of(System.getenv().getOrDefault("PROVISIONER_JAR", "target/provisioner.jar")).toAbsolutePath().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", jar));
        command.addAll(List.of(verb));
        command.add("--help");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.replaceAll("\\s+", " ");
    }

    @Test
    void deployAndSandboxUpNameEveryFault() throws Exception {
        for (String[] verb : List.of(new String[]{"deploy"}, new String[]{"sandbox", "up"})) {
            String out = help(verb);
            assertThat(out).as(String.join(" ", verb)).doesNotContain("Exception");
            for (SandboxFault fault : SandboxFault.values()) {
                assertThat(out).as(String.join(" ", verb)).contains(fault.label());
            }
        }
    }
}
