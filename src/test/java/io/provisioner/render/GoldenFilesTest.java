package io.provisioner.render;

import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example specs render exactly the reviewed files under src/test/resources/render/golden/. After an
 * intended change, regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/render/golden");

    @ParameterizedTest
    @CsvSource({"config/article-lab.yaml, lab1", "config/two-node-lab.yaml, ctl1", "config/two-node-lab.yaml, cpu1"})
    void exampleRendersTheGoldenFiles(String specFile, String hostName) throws IOException {
        Spec spec = SpecLoader.load(Path.of(specFile), Map.of("HOME", "/home/tester"));
        Host host = spec.host(hostName).orElseThrow();
        String gitBase = "auto".equals(host.gitBase()) ? HostRenderer.DEFAULT_GIT_BASE : host.gitBase();
        RenderedHost r = HostRenderer.withDefaultTemplates().render(spec, host, gitBase);
        check(GOLDEN.resolve(hostName).resolve("local.conf"), r.localConf());
        check(GOLDEN.resolve(hostName).resolve("stackrc"), r.stackrcOverlay());
    }

    private static void check(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
