package io.provisioner.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A key the spec names but this machine does not have is bad input in the spec, found before any connect. */
class IdentityFilesTest {
    @TempDir
    Path dir;

    private Spec spec(String ssh) throws IOException {
        Path file = dir.resolve("hosts.yaml");
        Files.writeString(file, "version: 1\ndefaults:\n  passwords: {admin: a1, database: d1, rabbit: r1, service: s1}\n"
                + "hosts:\n  - name: lab1\n    address: 10.0.0.1\n" + ssh);
        return SpecLoader.load(file, Map.of("HOME", dir.toString()));
    }

    @Test
    void aMissingIdentityFileIsAProblemAtTheLineThatNamesIt() throws IOException {
        Spec spec = spec("    ssh: {identity: " + dir.resolve("no-such-key") + "}\n");

        assertThatThrownBy(() -> IdentityFiles.check(spec)).isInstanceOfSatisfying(SpecException.class,
                e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith(dir.resolve("hosts.yaml") + ":7:")
                        .contains("lab1", dir.resolve("no-such-key").toString(), "does not exist"));
    }

    @Test
    void aDirectoryIsNotAKey() throws IOException {
        Files.createDirectories(dir.resolve("keys"));
        Spec spec = spec("    ssh: {identity: " + dir.resolve("keys") + "}\n");

        assertThat(IdentityFiles.problem(spec.hosts().get(0))).get().asString().contains("not a readable file");
    }

    @Test
    void aDefaultedIdentityIsLeftToSsh() throws IOException {
        Spec spec = spec("");

        assertThatCode(() -> IdentityFiles.check(spec)).doesNotThrowAnyException();
    }
}
