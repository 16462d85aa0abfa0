package io.provisioner.service.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenStoreTest {
    @TempDir
    Path dir;

    private static String hash(String token) {
        return HexFormat.of().formatHex(TokenStore.sha256(token));
    }

    @Test
    void aTokenFileMapsEachHashedTokenToItsNameAndRole() throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# team tokens\nalice operator " + hash("alice-token") + "\n\nbob viewer "
                + hash("bob-token").toUpperCase() + "\n");
        TokenStore store = TokenStore.fromFile(file);
        assertThat(store.lookup("alice-token")).contains(new Principal("alice", Role.OPERATOR));
        assertThat(store.lookup("bob-token")).contains(new Principal("bob", Role.VIEWER));
        assertThat(store.lookup("carol-token")).isEmpty();
        assertThat(store.lookup("")).isEmpty();
        assertThat(store.generatedToken()).isEmpty();
    }

    @Test
    void aBadLineIsNamedByFileAndLine() throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "alice operator " + hash("a") + "\nbob admin " + hash("b") + "\n");
        assertThatThrownBy(() -> TokenStore.fromFile(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":2: role 'admin' is not viewer or operator");
        Files.writeString(file, "alice operator not-a-hash\n");
        assertThatThrownBy(() -> TokenStore.fromFile(file)).hasMessageStartingWith(file + ":1: the third field is not a SHA-256");
    }

    @Test
    void aGeneratedTokenIsAnOperatorAndOnlyItsHashIsKept() {
        TokenStore store = TokenStore.generate();
        String token = store.generatedToken().orElseThrow();
        assertThat(token).hasSize(48);
        assertThat(store.lookup(token)).contains(new Principal("admin", Role.OPERATOR));
        assertThat(store.lookup(token + "x")).isEmpty();
        assertThat(TokenStore.generate().generatedToken()).isNotEqualTo(store.generatedToken());
    }
}
