package io.provisioner.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FixupCommandTest {
    @TempDir
    Path dir;

    private Path spec() throws Exception {
        Path devstack = Files.createDirectories(dir.resolve("devstack"));
        Files.writeString(devstack.resolve("local.conf"), "[[local|localrc]]\nADMIN_PASSWORD=Adm1nPw\n");
        return Files.writeString(dir.resolve("lab.yaml"), """
                version: 1
                defaults:
                  ssh: {user: root}
                  devstack: {dir: %s}
                  passwords: {admin: Adm1nPw, database: Db1Pw, rabbit: Rb1Pw, service: Sv1Pw}
                  paths: {log_dir: %s/logs, state_dir: %s/state, apt_dir: %s/apt}
                hosts:
                  - {name: lab1, address: local, host_ip: 127.0.0.1, role: controller}
                """.formatted(devstack, dir, dir, dir));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true), new PrintStream(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void dryRunSaysWhatWouldChangeAndChangesNothing() throws Exception {
        Path spec = spec();
        String before = Files.readString(dir.resolve("devstack/local.conf"));

        Run r = run("fixup", "retry", "-f", spec.toString(), "--host", "lab1", "--dry-run");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("would set GIT_TIMEOUT=300").contains("found, NOT verified");
        assertThat(Files.readString(dir.resolve("devstack/local.conf"))).isEqualTo(before);
    }

    @Test
    void appliesAndExitsZeroWhenVerified() throws Exception {
        Path spec = spec();

        Run r = run("fixup", "retry", "-f", spec.toString(), "--host", "lab1", "--format", "json");

        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("\"verified\" : true");
        assertThat(Files.readString(dir.resolve("devstack/local.conf"))).contains("GIT_TIMEOUT=300");
        assertThat(r.out()).doesNotContain("Adm1nPw");
    }

    @Test
    void unknownFixupOrHostIsBadInput() throws Exception {
        Path spec = spec();
        Run noFixup = run("fixup", "chmod-777", "-f", spec.toString(), "--host", "lab1");
        Run noHost = run("fixup", "retry", "-f", spec.toString(), "--host", "lab9");

        assertThat(noFixup.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noFixup.err()).contains("no fix-up named 'chmod-777'").contains("mysql-root-password").doesNotContain("at io.");
        assertThat(noHost.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noHost.err()).contains("--host lab9: no such host");
    }
}
