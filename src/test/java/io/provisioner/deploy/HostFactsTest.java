package io.provisioner.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostFactsTest {

    /** What preflight.sh prints on a Debian host with a stale DevStack run (the keys in the script's order). */
    private static final String DEBIAN_HOST_WITH_A_STALE_RUN = """
            uid=1000
            user=stack
            sudo=ok
            distro_id=debian
            distro_codename=bookworm
            distro_version=12
            supported=bookworm|jammy|noble|rhel9
            cpus=4
            mem_kb=8039124
            disk_kb=51200000
            disk_path=/opt/stack
            ntp=no
            locale=1
            hostname=lab1
            hostname_resolves=resolver
            stack_running= 4242 4250
            screen_stack=1
            stale_localrc=localrc .localrc.password
            port_5000=python3
            port_3306=mariadbd
            mysql=ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)
            ovs=absent
            proxy=unreachable
            git_proto=timed out
            git_https=ok
            apt=ok
            done=yes
            """;

    @Test
    void everyFactTheScriptPrintsArrivesTyped() {
        HostFacts facts = HostFacts.parse(DEBIAN_HOST_WITH_A_STALE_RUN);

        assertThat(facts.complete()).isTrue();
        assertThat(facts.malformed()).isEmpty();
        assertThat(facts.login().uid()).hasValue(1000);
        assertThat(facts.login().root()).isFalse();
        assertThat(facts.login().userOr("?")).isEqualTo("stack");
        assertThat(facts.login().sudo()).hasValueSatisfying(sudo -> assertThat(sudo.ok()).isTrue());
        assertThat(facts.distro()).isEqualTo(new HostFacts.Distro("debian", "bookworm", "12",
                java.util.List.of("bookworm", "jammy", "noble", "rhel9")));
        assertThat(facts.capacity().cpus()).hasValue(4);
        assertThat(facts.capacity().memoryKb()).hasValue(8039124);
        assertThat(facts.capacity().diskFreeKb()).hasValue(51200000);
        assertThat(facts.capacity().diskPath()).hasValue("/opt/stack");
        assertThat(facts.timeSynchronised()).isEqualTo(HostFacts.Flag.NO);
        assertThat(facts.enUsLocale()).isEqualTo(HostFacts.Flag.YES);
        assertThat(facts.hostName()).hasValue(new HostFacts.HostName("lab1", HostFacts.Resolution.RESOLVER));
        assertThat(facts.leftovers().stackPids()).containsExactly(4242L, 4250L);
        assertThat(facts.leftovers().screenSessions()).hasValue(1);
        assertThat(facts.leftovers().staleLocalrc()).containsExactly("localrc", ".localrc.password");
        assertThat(facts.leftovers().stackRunning()).isTrue();
        assertThat(facts.portOwners()).containsOnlyKeys(5000, 3306).containsEntry(5000, "python3");
        assertThat(facts.mysql()).map(HostFacts.Answer::text).hasValueSatisfying(text -> assertThat(text)
                .startsWith("ERROR 1045"));
        assertThat(facts.ovs()).hasValueSatisfying(ovs -> assertThat(ovs.is("absent")).isTrue());
        assertThat(facts.proxy()).hasValueSatisfying(proxy -> assertThat(proxy.ok()).isFalse());
        assertThat(facts.gitProtocol()).map(HostFacts.Answer::text).hasValue("timed out");
        assertThat(facts.gitHttps()).hasValueSatisfying(https -> assertThat(https.ok()).isTrue());
        assertThat(facts.apt()).hasValueSatisfying(apt -> assertThat(apt.ok()).isTrue());
    }

    @Test
    void factsTheScriptDidNotPrintStayUnknown() {
        HostFacts facts = HostFacts.parse("done=yes\n");

        assertThat(facts.complete()).isTrue();
        assertThat(facts.malformed()).isEmpty();
        assertThat(facts.login().uid()).isEmpty();
        assertThat(facts.login().root()).isFalse();
        assertThat(facts.login().sudo()).isEmpty();
        assertThat(facts.distro().id()).isEqualTo(HostFacts.Distro.UNKNOWN);
        assertThat(facts.distro().supported()).isEmpty();
        assertThat(facts.capacity().cpus()).isEmpty();
        assertThat(facts.capacity().memoryKb()).isEmpty();
        assertThat(facts.capacity().diskFreeKb()).isEmpty();
        assertThat(facts.timeSynchronised()).isEqualTo(HostFacts.Flag.UNKNOWN);
        assertThat(facts.enUsLocale()).isEqualTo(HostFacts.Flag.UNKNOWN);
        assertThat(facts.hostName()).isEmpty();
        assertThat(facts.leftovers().screenSessions()).isEmpty();
        assertThat(facts.leftovers().stackRunning()).isFalse();
        assertThat(facts.mysql()).isEmpty();
        assertThat(facts.apt()).isEmpty();
    }

    @Test
    void emptyValuesAreWhatTheScriptCouldNotLearn() {
        // df failed and /proc/meminfo had no MemTotal: the script prints the key with nothing after it
        HostFacts facts = HostFacts.parse("mem_kb=\ndisk_kb=\nntp=unknown\ndone=yes\n");

        assertThat(facts.malformed()).isEmpty();
        assertThat(facts.capacity().memoryKb()).isEmpty();
        assertThat(facts.capacity().diskFreeKb()).isEmpty();
        assertThat(facts.timeSynchronised()).isEqualTo(HostFacts.Flag.UNKNOWN);
    }

    @Test
    void valuesThatDoNotParseAreNamedAndLeftUnknown() {
        HostFacts facts = HostFacts.parse("""
                uid=abc
                cpus=-2
                mem_kb=8 GB
                ntp=maybe
                hostname_resolves=dns
                stack_running=12 x7
                port_http=nginx
                done=yes
                """);

        assertThat(facts.complete()).isTrue();
        assertThat(facts.malformed()).containsExactly(
                "uid=abc: not a whole number",
                "cpus=-2: not a whole number",
                "mem_kb=8 GB: not a whole number",
                "hostname_resolves=dns: expected hosts, resolver or no",
                "stack_running=12 x7: not a whole number",
                "ntp=maybe: expected yes, no or unknown",
                "port_http=nginx: not a port number");
        assertThat(facts.login().uid()).isEmpty();
        assertThat(facts.capacity().cpus()).isEmpty();
        assertThat(facts.leftovers().stackPids()).containsExactly(12L);
        assertThat(facts.timeSynchronised()).isEqualTo(HostFacts.Flag.UNKNOWN);
    }

    @Test
    void linesALoginProfilePrintsAreNotFacts() {
        HostFacts facts = HostFacts.parse("Welcome to lab1\n=== motd ===\ncpus=2\n");

        assertThat(facts.malformed()).isEmpty();
        assertThat(facts.capacity().cpus()).hasValue(2);
        assertThat(facts.complete()).as("no done=yes: the script did not finish").isFalse();
    }

    @Test
    void aRootLoginIsUidZero() {
        assertThat(HostFacts.parse("uid=0\nuser=root\n").login().root()).isTrue();
    }
}
