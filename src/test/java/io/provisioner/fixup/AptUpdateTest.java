package io.provisioner.fixup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which sources apt-get update says failed, in apt 1.0's (Ubuntu 14.04) and current apt's words. */
class AptUpdateTest {
    @Test
    void readsTrustysAptWhoseErrLinesHaveNoNumber() {
        String trusty = """
                Ign http://ppa.launchpad.net/ondrej/php/ubuntu trusty InRelease
                Err http://ppa.launchpad.net/ondrej/php/ubuntu trusty/main amd64 Packages
                  404  Not Found
                Hit http://archive.ubuntu.com/ubuntu trusty InRelease
                Reading package lists...
                W: Failed to fetch http://ppa.launchpad.net/ondrej/php/ubuntu/dists/trusty/main/binary-amd64/Packages  404  Not Found

                E: Some index files failed to download. They have been ignored, or old ones used instead.
                """;
        AptUpdate.UpdateResult outcome = AptUpdate.parse(100, trusty);
        assertThat(outcome.clean()).isFalse();
        assertThat(outcome.failures()).singleElement().satisfies(f -> {
            assertThat(f.uri()).isEqualTo("http://ppa.launchpad.net/ondrej/php/ubuntu");
            assertThat(f.suite()).isEqualTo("trusty");
            assertThat(f.reason()).isEqualTo("404  Not Found");
        });
    }

    @Test
    void readsCurrentAptsNumberedErrLines() {
        String bookworm = """
                Hit:1 http://deb.debian.org/debian bookworm InRelease
                Ign:2 http://ppa.launchpad.net/ondrej/php/ubuntu trusty InRelease
                Err:3 http://ppa.launchpad.net/ondrej/php/ubuntu trusty Release
                  404  Not Found [IP: 185.125.190.80 80]
                Reading package lists...
                E: The repository 'http://ppa.launchpad.net/ondrej/php/ubuntu trusty Release' does not have a Release file.
                """;
        AptUpdate.UpdateResult outcome = AptUpdate.parse(100, bookworm);
        assertThat(outcome.failures()).singleElement()
                .satisfies(f -> assertThat(f.uri() + " " + f.suite()).isEqualTo("http://ppa.launchpad.net/ondrej/php/ubuntu trusty"));
    }
}
