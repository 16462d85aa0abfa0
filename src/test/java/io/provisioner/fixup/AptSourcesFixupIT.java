package io.provisioner.fixup;

import io.provisioner.lab.AptRepo;
import io.provisioner.lab.FreePort;
import io.provisioner.spec.TargetPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AptSourcesFixupIT {
    @TempDir
    Path root;

    @Test
    void commentsOutOnlyTheFailingLinesInBothFormats() throws Exception {
        AptRepo repo = AptRepo.create(root);
        String dead = "http://127.0.0.1:" + FreePort.any() + "/debian";
        Path apt = repo.aptDir();
        Path main = Files.writeString(apt.resolve("sources.list"), "# local mirror\ndeb [trusted=yes] " + repo.uri() + " stable main\n");
        Path list = Files.writeString(apt.resolve("sources.list.d/extra.list"),
                "deb [trusted=yes] " + repo.uri() + " stable main\ndeb " + dead + " stable main\n");
        String goodStanza = "Types: deb\nURIs: " + repo.uri() + "\nSuites: stable\nComponents: main\nTrusted: yes\n";
        String deadStanza = "Types: deb\nURIs: " + dead + "\nSuites: bookworm\nComponents: main contrib\n";
        Path sources = Files.writeString(apt.resolve("sources.list.d/vendor.sources"), goodStanza + "\n" + deadStanza);
        String mainBefore = Files.readString(main);
        String listBefore = Files.readString(list);
        String sourcesBefore = Files.readString(sources);
        TargetPaths p = TestHosts.paths(root);
        var host = TestHosts.host(new TargetPaths(p.mysqlMaintenanceCnf(), p.ovsDbSock(), p.logDir(), p.stateDir(), apt.toString()),
                root.resolve("opt/stack/devstack").toString(), "root");
        FixupContext ctx = TestHosts.context(host, new LocalTestShell(), Map.of());
        AptSourcesFixup fixup = new AptSourcesFixup();

        Detection d = fixup.detect(ctx);
        assertThat(d.found()).isTrue();
        assertThat(d.findings()).containsExactlyInAnyOrder(
                list + ":2: deb " + dead + " stable main (failed: " + reasonOf(d, list) + ")",
                sources + ":7: URIs: " + dead + " (failed: " + reasonOf(d, sources) + ")");

        FixupReport first = new FixupRunner().run(fixup, ctx, false);
        FixupReport second = new FixupRunner().run(fixup, ctx, false);

        assertThat(first.verified()).as(first.detail()).isTrue();
        assertThat(second.detected()).isFalse();
        assertThat(second.applied()).isFalse();
        assertThat(Files.readString(main)).isEqualTo(mainBefore);
        assertThat(Files.readString(list)).isEqualTo("deb [trusted=yes] " + repo.uri() + " stable main\n"
                + AptSourceFiles.DISABLED + "deb " + dead + " stable main\n");
        assertThat(Files.readString(sources)).startsWith(goodStanza + "\n" + AptSourceFiles.DISABLED + "Types: deb\n")
                .doesNotContain("\nURIs: " + dead);
        assertThat(backups(apt.resolve("sources.list.d"))).containsExactlyInAnyOrder(listBefore, sourcesBefore);
        assertThat(backups(apt)).isEmpty();
        fixup.apply(ctx, d); // applying the same finding again changes nothing
        assertThat(backups(apt.resolve("sources.list.d"))).hasSize(2);
        assertThat(Files.readString(list)).endsWith(AptSourceFiles.DISABLED + "deb " + dead + " stable main\n");
    }

    private static String reasonOf(Detection d, Path file) {
        String f = d.findings().stream().filter(s -> s.startsWith(file.toString())).findFirst().orElseThrow();
        return f.substring(f.indexOf("(failed: ") + 9, f.length() - 1);
    }

    private static java.util.List<String> backups(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().contains(".provisioner-bak.")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
