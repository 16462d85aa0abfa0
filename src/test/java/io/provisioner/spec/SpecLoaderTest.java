package io.provisioner.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SpecLoaderTest {
    private static final String PASSWORDS = "  passwords: {admin: secret1, database: secret2, rabbit: secret3, service: secret4}\n";
    private static final Map<String, String> ENV = Map.of("HOME", "/home/tester");

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("hosts.yaml");
        Files.writeString(f, text);
        return f;
    }

    private List<String> problems(String text) throws IOException {
        Path f = write(text);
        SpecException e = catchThrowableOfType(SpecException.class, () -> SpecLoader.load(f, ENV));
        assertThat(e).as("expected the spec to be refused").isNotNull();
        return e.problems().stream().map(p -> p.toString().substring(f.toString().length() + 1)).toList();
    }

    @Test
    void mergesDefaultsIntoEachHostAndLetsAHostOverrideOneKey() throws IOException {
        Spec spec = SpecLoader.load(write("version: 1\ndefaults:\n" + PASSWORDS
                + "  ssh: {user: stack, port: 2222}\n  localrc: {A: '1', B: '2'}\nhosts:\n"
                + "  - {name: a, address: 10.0.0.1}\n"
                + "  - {name: b, address: 10.0.0.2, ssh: {port: 22}, localrc: {B: '3'}, passwords: {admin: other1}}\n"), ENV);
        Host a = spec.host("a").orElseThrow();
        Host b = spec.host("b").orElseThrow();
        assertThat(a.ssh().port()).isEqualTo(2222);
        assertThat(b.ssh().port()).isEqualTo(22);
        assertThat(b.ssh().user()).isEqualTo("stack");
        assertThat(b.localrc()).containsExactly(Map.entry("A", "1"), Map.entry("B", "3"));
        assertThat(b.passwords().admin().reveal()).isEqualTo("other1");
        assertThat(b.passwords().rabbit().reveal()).isEqualTo("secret3");
    }

    @Test
    void firstHostIsControllerWhenNoRolesAreGiven() throws IOException {
        Spec spec = SpecLoader.load(write("version: 1\ndefaults:\n" + PASSWORDS + "hosts:\n"
                + "  - {name: a, address: 10.0.0.1}\n  - {name: b, address: 10.0.0.2}\n"), ENV);
        assertThat(spec.controller().orElseThrow().name()).isEqualTo("a");
        assertThat(spec.host("b").orElseThrow().role()).isEqualTo(Role.COMPUTE);
    }

    @Test
    void fillsDocumentedDefaults() throws IOException {
        Host h = SpecLoader.load(write("version: 1\ndefaults:\n" + PASSWORDS + "hosts:\n  - {name: a, address: 10.0.0.1}\n"), ENV)
                .hosts().get(0);
        assertThat(h.hostIp()).isEqualTo("10.0.0.1");
        assertThat(h.ssh().identity()).isEqualTo("/home/tester/.ssh/id_ed25519");
        assertThat(h.ssh().hostKeys()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThat(h.gitBase()).isEqualTo("auto");
        assertThat(h.devstack().dir()).isEqualTo("/opt/stack/devstack");
        assertThat(h.timeouts().stack()).isEqualTo(Duration.ofHours(3));
        assertThat(h.paths()).isEqualTo(TargetPaths.defaults());
        assertThat(h.fixups().auto()).isTrue();
        assertThat(h.retries()).isEqualTo(2);
    }

    @Test
    void acceptsLocalAddressAndHostNameWithoutGuessingHostIp() throws IOException {
        Spec spec = SpecLoader.load(write("version: 1\ndefaults:\n" + PASSWORDS + "hosts:\n"
                + "  - {name: a, address: local}\n"), ENV);
        assertThat(spec.hosts().get(0).isLocal()).isTrue();
        assertThat(spec.hosts().get(0).hostIp()).isNull();
    }

    @Test
    void resolvesEnvAndFileSecretsAndExpandsTildeInSshPaths() throws IOException {
        Files.writeString(dir.resolve("db.secret"), "fromfile9\n");
        Spec spec = SpecLoader.load(write("version: 1\ndefaults:\n"
                + "  passwords: {admin: env:ADMIN_PW, database: file:db.secret, rabbit: r1, service: s1}\n"
                + "  ssh: {identity: ~/keys/lab, known_hosts: ~/kh, passphrase: env:KEY_PASS}\n"
                + "hosts:\n  - {name: a, address: 10.0.0.1}\n"),
                Map.of("ADMIN_PW", "fromenv1", "KEY_PASS", "p a s s", "HOME", "/home/t"));
        Host h = spec.hosts().get(0);
        assertThat(h.passwords().admin().reveal()).isEqualTo("fromenv1");
        assertThat(h.passwords().admin().reference()).isEqualTo("env:ADMIN_PW");
        assertThat(h.passwords().database().reveal()).isEqualTo("fromfile9");
        assertThat(h.ssh().identity()).isEqualTo("/home/t/keys/lab");
        assertThat(h.ssh().knownHosts()).isEqualTo("/home/t/kh");
        assertThat(h.ssh().passphrase().reveal()).isEqualTo("p a s s");
        assertThat(spec.masker().mask("key p a s s and fromenv1")).isEqualTo("key **** and ****");
    }

    @Test
    void aMistypedIpv4AddressIsATypoNotAHostName() throws IOException {
        List<String> p = problems("version: 1\ndefaults:\n" + PASSWORDS
                + "  proxy: {no_proxy: [10.1.2]}\nhosts:\n  - {name: a, address: 192.168.50.300, role: controller}\n");
        assertThat(p).containsExactly(
                "4:22: no_proxy entry '10.1.2' is not an IPv4 address (four numbers 0-255, dot-separated); fix it",
                "6:24: address '192.168.50.300' is not an IPv4 address (four numbers 0-255, dot-separated); fix it");
    }

    @Test
    void aKeyWrittenOneLevelTooHighIsReportedOnceWithWhereItBelongs() throws IOException {
        List<String> p = problems("version: 1\ndefaults:\n" + PASSWORDS
                + "  no_proxy: [10.0.0.9]\nhosts:\n  - {name: a, address: 10.0.0.1, role: controller, user: stack}\n"
                + "  - {name: b, address: 10.0.0.2, role: compute}\n");
        assertThat(p).containsExactly(
                "4:3: unknown key 'no_proxy' in defaults; it belongs under 'proxy': write proxy: {no_proxy: ...}",
                "6:52: unknown key 'user' in host; it belongs under 'ssh': write ssh: {user: ...}");
    }

    @Test
    void reportsEveryProblemAtOnceWithLineAndColumn() throws IOException {
        List<String> p = problems("version: 1\ndefaults:\n" + PASSWORDS
                + "  ssh: {prot: 22}\nhosts:\n  - {name: a, address: 10.0.0.1, role: controler}\n");
        assertThat(p).containsExactly(
                "4:9: unknown key 'prot' in defaults.ssh; did you mean 'port'?",
                "6:3: no host has role: controller; mark one host 'role: controller'",
                "6:40: unknown role 'controler'; did you mean 'controller'?");
    }

    @Test
    void pointsAtTabsAndUnclosedQuotes() throws IOException {
        assertThat(problems("version: 1\nhosts:\n\t- a\n")).singleElement().asString().startsWith("3:1: a tab character");
        assertThat(problems("version: 1\nhosts:\n  - name: \"a\n    address: b\n"))
                .singleElement().asString().contains("unclosed quote; close the quote that opens at line 3, column 11");
    }

    @Test
    void refusesDuplicateKeysNamingTheFirst() throws IOException {
        assertThat(problems("version: 1\ndefaults:\n" + PASSWORDS + "hosts:\n  - name: a\n    address: 10.0.0.1\n"
                + "    address: 10.0.0.2\n")).containsExactly("7:5: duplicate key 'address' (first at line 6); keep only one");
    }

    @Test
    void refusesWrongVersionMissingHostsAndDuplicateHosts() throws IOException {
        assertThat(problems("version: 2\nhosts: []\n")).containsExactly(
                "1:10: version must be 1, found '2'; this provisioner reads version 1 specs",
                "2:8: the hosts list is empty; add at least one host");
        assertThat(problems("version: 1\ndefaults:\n" + PASSWORDS + "hosts:\n  - {name: a, address: 10.0.0.1}\n"
                + "  - {name: a, address: 10.0.0.2}\n"))
                .containsExactly("6:5: duplicate host name 'a' (first at line 5); give each host its own name");
    }

    @Test
    void refusesMissingAndNonAlphanumericPasswordsWithoutPrintingThem() throws IOException {
        List<String> p = problems("version: 1\ndefaults:\n  passwords: {admin: 'se cret!', database: d1, rabbit: r1}\n"
                + "hosts:\n  - {name: a, address: 10.0.0.1}\n");
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("3:14: password 'service' is not set");
        assertThat(p.get(1)).startsWith("3:22: password 'admin' (literal) has characters other than letters and digits");
        assertThat(String.join("\n", p)).doesNotContain("se cret!");
    }

    @Test
    void refusesUnresolvableSecretReferences() throws IOException {
        List<String> p = problems("version: 1\ndefaults:\n  passwords: {admin: env:NOT_SET_X, database: file:/nonexistent/x, "
                + "rabbit: r1, service: s1}\nhosts:\n  - {name: a, address: 10.0.0.1}\n");
        assertThat(p).containsExactly(
                "3:22: environment variable NOT_SET_X is not set; export NOT_SET_X before running, or write the value in the spec",
                "3:47: secret file /nonexistent/x does not exist; create it or fix the path");
    }

    @Test
    void withoutSecretsTheSameSpecLoadsWithNothingLookedUpAndTheSameHosts() throws IOException {
        Files.writeString(dir.resolve("db.secret"), "fromfile9\n");
        Path file = write("version: 1\ndefaults:\n"
                + "  passwords: {admin: env:ADMIN_PW, database: file:db.secret, rabbit: r1, service: s1}\n"
                + "  ssh: {passphrase: env:KEY_PASS}\n"
                + "hosts:\n  - {name: a, address: 10.0.0.1}\n");
        Spec withSecrets = SpecLoader.load(file, Map.of("ADMIN_PW", "fromenv1", "KEY_PASS", "pass1", "HOME", "/home/t"));
        Files.delete(dir.resolve("db.secret"));

        Spec without = SpecLoader.loadWithoutSecrets(file, Map.of("HOME", "/home/t"));

        Host h = without.hosts().get(0);
        assertThat(h.passwords().admin().isWithheld()).isTrue();
        assertThat(h.passwords().database().isWithheld()).isTrue();
        assertThat(h.ssh().passphrase().isWithheld()).isTrue();
        assertThat(h.passwords().rabbit().reveal()).as("a literal is the spec's own text").isEqualTo("r1");
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> h.passwords().admin().reveal()))
                .hasMessage("secret env:ADMIN_PW was not looked up for this command");
        // the journal tells specs apart by their hosts' text, secrets masked: both loads are the same spec
        assertThat(without.hosts().toString()).isEqualTo(withSecrets.hosts().toString());
        assertThat(without.masker().mask("r1 and s1")).isEqualTo("**** and ****");
    }

    @Test
    void withoutSecretsAMalformedReferenceIsStillAProblem() throws IOException {
        Path file = write("version: 1\ndefaults:\n  passwords: {admin: env:1BAD, database: d1, rabbit: r1, service: s1}\n"
                + "hosts:\n  - {name: a, address: 10.0.0.1}\n");
        SpecException e = catchThrowableOfType(SpecException.class, () -> SpecLoader.loadWithoutSecrets(file, Map.of()));
        assertThat(e).as("expected the spec to be refused").isNotNull();
        assertThat(e.problems()).singleElement().asString()
                .endsWith("3:22: 'env:1BAD' is not a valid environment variable reference; write env:NAME with letters, digits and _");
    }

    @Test
    void refusesLineBreaksInAnyValue() throws IOException {
        assertThat(problems("version: 1\ndefaults:\n" + PASSWORDS + "  localrc:\n    X: \"a\\n[[post-config|/etc/x]]\"\n"
                + "hosts:\n  - {name: a, address: 10.0.0.1}\n"))
                .singleElement().asString().startsWith("5:8: value contains a line break or NUL character");
    }

    @Test
    void namesTheKeysOfALocalrcCycle() throws IOException {
        assertThat(problems("version: 1\ndefaults:\n" + PASSWORDS + "  localrc: {A: $C, B: $A, C: '${B}/x', D: $D}\n"
                + "hosts:\n  - {name: a, address: 10.0.0.1}\n"))
                .containsExactly("4:13: localrc variables refer to each other in a cycle: A -> C -> B -> A; break the cycle");
    }

    @Test
    void refusesMalformedProxyUrlsAndCidrNoProxy() throws IOException {
        List<String> p = problems("version: 1\ndefaults:\n" + PASSWORDS
                + "  proxy: {http: 'http://:3128', https: 'http://u:pw@proxy:99999', no_proxy: [10.0.0.0/8]}\n"
                + "hosts:\n  - {name: a, address: 10.0.0.1}\n");
        assertThat(p).hasSize(3);
        assertThat(p.get(0)).contains("has no host");
        assertThat(p.get(1)).contains("port").doesNotContain("pw");
        assertThat(p.get(2)).contains("CIDR");
    }

    @Test
    void missingFileIsOneProblem() {
        SpecException e = catchThrowableOfType(SpecException.class, () -> SpecLoader.load(dir.resolve("nope.yaml"), ENV));
        assertThat(e.problems()).singleElement().asString().endsWith("nope.yaml:1:1: no such file; check the path given with -f");
    }
}
