package io.provisioner.sandbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorManifestTest {
    private static final Path SOURCES = Path.of("src/main/resources/io/provisioner/sandbox");

    @Test
    void manifestListsEveryResourceWithItsExecutableBit() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            onDisk = files.filter(p -> !Files.isDirectory(p)).map(SOURCES::relativize).map(Path::toString)
                    .filter(p -> p.startsWith("devstack/") || p.startsWith("standins/"))
                    .filter(p -> !p.endsWith("README.md"))
                    .map(p -> (Files.isExecutable(SOURCES.resolve(p)) ? "x " : "- ") + p).sorted().toList();
        }
        List<String> manifest = SimulatorFiles.manifest().stream()
                .map(e -> (e.executable() ? "x " : "- ") + e.path()).sorted().toList();
        assertThat(manifest).isEqualTo(onDisk);
    }
}
