package io.provisioner.service.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LoginPathTest {
    @ParameterizedTest(name = "next={0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "/runs/7|/runs/7",
            "/runs/7/hosts/ctl/log?line=120|/runs/7/hosts/ctl/log?line=120",
            "/|/",
            "NULL|/",
            "''|/",
            "//evil.example/x|/",
            "/\\evil.example|/",
            "https://evil.example/|/",
            "javascript:alert(1)|/",
            "runs/7|/",
            "/login?next=/x|/",
            "/runs/7 x|/",
    })
    void nextMustBeAPathOnThisServer(String next, String expected) {
        assertThat(LoginHandler.localPath(next)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void controlCharactersCannotSplitTheLocationHeader() {
        assertThat(LoginHandler.localPath("/runs/7\r\nSet-Cookie: x=1")).isEqualTo("/");
        assertThat(LoginHandler.localPath("/runs/7\u0000")).isEqualTo("/");
    }
}
