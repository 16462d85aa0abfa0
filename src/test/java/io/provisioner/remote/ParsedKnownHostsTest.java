package io.provisioner.remote;

import com.jcraft.jsch.HostKeyRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** A known_hosts file parsed once while it stays the same, and parsed again as soon as a key is recorded in it. */
class ParsedKnownHostsTest {
    private static final String KEY_ONE = "AAAAC3NzaC1lZDI1NTE5AAAAIEkz8Zz/R7tI81ibazoh7VLBKh0FhaZ9lWmKuFXzKW+T";
    private static final String KEY_TWO = "AAAAC3NzaC1lZDI1NTE5AAAAIMqK5eIGB8ukOTsL4TzC0IqdT98dfgghhzsOsHFF51TN";

    @TempDir
    Path dir;

    @Test
    void sessionsShareOneParseOfAnUnchangedFile() throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), "[10.0.0.1]:2222 ssh-ed25519 " + KEY_ONE + "\n");
        HostKeyRepository first = ParsedKnownHosts.of(file);
        assertThat(ParsedKnownHosts.of(file)).isSameAs(first);
        assertThat(first.check("[10.0.0.1]:2222", key(KEY_ONE))).isEqualTo(HostKeyRepository.OK);
        assertThat(first.check("[10.0.0.1]:2222", key(KEY_TWO))).isEqualTo(HostKeyRepository.CHANGED);
    }

    @Test
    void aKeyRecordedInTheFileIsKnownToTheNextSession() throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), "[10.0.0.1]:2222 ssh-ed25519 " + KEY_ONE + "\n");
        HostKeyRepository before = ParsedKnownHosts.of(file);
        assertThat(before.check("[10.0.0.2]:2222", key(KEY_TWO))).isEqualTo(HostKeyRepository.NOT_INCLUDED);
        KnownHostsRecorder.append(file, "[10.0.0.2]:2222 ssh-ed25519 " + KEY_TWO);
        HostKeyRepository after = ParsedKnownHosts.of(file);
        assertThat(after).isNotSameAs(before);
        assertThat(after.check("[10.0.0.2]:2222", key(KEY_TWO))).isEqualTo(HostKeyRepository.OK);
        assertThat(after.check("[10.0.0.1]:2222", key(KEY_ONE))).isEqualTo(HostKeyRepository.OK);
    }

    @Test
    void aMissingFileKnowsNoHost() throws Exception {
        HostKeyRepository none = ParsedKnownHosts.of(dir.resolve("absent"));
        assertThat(none.getHostKey()).isEmpty();
        assertThat(none.check("[10.0.0.1]:2222", key(KEY_ONE))).isEqualTo(HostKeyRepository.NOT_INCLUDED);
    }

    private static byte[] key(String base64) {
        return Base64.getDecoder().decode(base64);
    }
}
