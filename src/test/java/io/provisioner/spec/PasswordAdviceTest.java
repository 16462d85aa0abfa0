package io.provisioner.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which passwords validate warns about, and that it says why. */
class PasswordAdviceTest {
    @TempDir
    Path dir;

    private List<String> warnings(String passwords) throws IOException {
        Path file = Files.writeString(dir.resolve("lab.yaml"), "version: 1\ndefaults:\n  ssh: {user: deployer}\n"
                + "  passwords: " + passwords + "\n"
                + "hosts:\n  - {name: ctl, address: 10.0.0.1, role: controller}\n  - {name: cpu1, address: 10.0.0.2}\n");
        return PasswordAdvice.warnings(SpecLoader.load(file, Map.of("HOME", "/home/tester")));
    }

    @Test
    void strongPasswordsGetNoWarning() throws IOException {
        assertThat(warnings("{admin: Qv7bLk29x, database: Zr4mPw81c, rabbit: Hq2nTt55e, service: Jd8sWe33k}")).isEmpty();
    }

    @Test
    void eachWeakPasswordIsNamedOnceWithItsReasonForAllHosts() throws IOException {
        assertThat(warnings("{admin: stack, database: cpu1, rabbit: deployer, service: abc123}")).containsExactly(
                "all hosts: passwords.admin is 'stack', a word DevStack prints all the time; it is masked only where"
                        + " it is set (PASSWORD=, URLs, mysql -p), the word itself stays readable",
                "all hosts: passwords.database equals the host name 'cpu1'; it is masked only where it is set"
                        + " (PASSWORD=, URLs, mysql -p), the word itself stays readable (masking the word would hide the name)",
                "all hosts: passwords.rabbit equals the user 'deployer'; it is masked only where it is set"
                        + " (PASSWORD=, URLs, mysql -p), the word itself stays readable (masking the word would hide the name)",
                "all hosts: passwords.service is 6 characters, shorter than 8: it is masked where it is set and as a"
                        + " word of its own, but not inside other words");
    }
}
