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
                "all hosts: passwords.admin: 'stack' is a word DevStack prints all the time; masked only where it is"
                        + " set (PASSWORD=, URLs, mysql -p), the word itself stays readable",
                "all hosts: passwords.database: equals the host name 'cpu1'; masked only where it is set"
                        + " (PASSWORD=, URLs, mysql -p), the word itself stays readable (masking the word would hide the name)",
                "all hosts: passwords.rabbit: equals the user 'deployer'; masked only where it is set"
                        + " (PASSWORD=, URLs, mysql -p), the word itself stays readable (masking the word would hide the name)",
                "all hosts: passwords.service: 6 characters, shorter than 8: masked where it is set and as a"
                        + " word of its own, but not inside other words");
    }

    @Test
    void oneCommonPasswordForAllFourIsOneLine() throws IOException {
        assertThat(warnings("{admin: devstack, database: devstack, rabbit: devstack, service: devstack}")).containsExactly(
                "all hosts: passwords.admin, passwords.database, passwords.rabbit, passwords.service: 'devstack' is a"
                        + " word DevStack prints all the time; masked only where it is set (PASSWORD=, URLs, mysql -p),"
                        + " the word itself stays readable");
    }
}
