package io.provisioner.fixup;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class AptSourceFilesTest {
    @Test
    void readsOneLineEntriesWithOptionsAndSkipsComments() {
        var d = AptSourceFiles.parse("/etc/apt/sources.list", "# deb http://old/ x main\ndeb [arch=amd64 trusted=yes] http://mirror/debian/ bookworm main\n"
                + "deb-src http://mirror/debian bookworm main # sources\n");
        assertThat(d).extracting(AptSourceFiles.Declaration::first).containsExactly(2, 3);
        assertThat(d.get(0).matches("http://mirror/debian", "bookworm")).isTrue();
        assertThat(d.get(0).matches("http://mirror/debian", "trixie")).isFalse();
    }

    @Test
    void readsDeb822StanzasWithContinuationLinesAndEnabledNo() {
        String text = "Types: deb\nURIs: http://a/debian\n http://b/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\n"
                + "Types: deb\nURIs: http://c/debian\nSuites: bookworm\nEnabled: no\n";
        var d = AptSourceFiles.parse("/x/debian.sources", text);
        assertThat(d).singleElement().satisfies(s -> {
            assertThat(s.uris()).containsExactly("http://a/debian", "http://b/debian");
            assertThat(s.first()).isEqualTo(1);
            assertThat(s.last()).isEqualTo(5);
            assertThat(s.matches("http://b/debian/", "bookworm-updates")).isTrue();
        });
    }

    @Test
    void disablingTwiceEqualsDisablingOnce() {
        String text = "deb http://ok/ a main\ndeb http://dead/ a main\n";
        var dead = AptSourceFiles.parse("/f.list", text).get(1);
        String once = AptSourceFiles.disable(text, dead);
        assertThat(once).isEqualTo("deb http://ok/ a main\n" + AptSourceFiles.DISABLED + "deb http://dead/ a main\n");
        assertThat(AptSourceFiles.parse("/f.list", once)).hasSize(1);
        assertThat(AptSourceFiles.disable(once, dead)).isEqualTo(once);
    }

    @Test
    void readsFailuresFromAptGetUpdateOutput() {
        String out = "Err:2 http://127.0.0.1:9/debian stable InRelease\n  Could not connect to 127.0.0.1:9 (127.0.0.1). - connect (111: Connection refused)\n"
                + "Err:5 file:/srv/repo stable/main amd64 Packages\n  File not found\n"
                + "E: The repository 'http://x/ubuntu trusty Release' does not have a Release file.\n";
        var o = AptUpdate.parse(100, out);
        assertThat(o.clean()).isFalse();
        assertThat(o.failures()).extracting(AptUpdate.Failure::uri, AptUpdate.Failure::suite).containsExactly(
                org.assertj.core.groups.Tuple.tuple("http://127.0.0.1:9/debian", "stable"),
                org.assertj.core.groups.Tuple.tuple("file:/srv/repo", "stable"),
                org.assertj.core.groups.Tuple.tuple("http://x/ubuntu", "trusty"));
        assertThat(o.failures().get(0).reason()).startsWith("Could not connect");
        assertThat(AptUpdate.parse(0, "Hit:1 http://deb.debian.org/debian bookworm InRelease\nReading package lists...\n").clean()).isTrue();
    }
}
