package io.provisioner.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Masking by where a secret stands: short and common passwords must not mangle words, hosts or paths. */
class SecretMaskerTest {
    /** The passwords of DevStack's own docs and the lab: all four are common or short. */
    private final SecretMasker weak = new SecretMasker(List.of("devstack", "stack", "opt", "ctl"),
            List.of("ctl", "10.0.0.5", "stack"));

    @Test
    void pathsHostsUsersAndOrdinaryWordsStayWhole() {
        String[] untouched = {
            "devstack master at /tmp/devstack-sandbox-123/hosts/sandbox1/opt/stack/devstack, local.conf ec97e8d31f86",
            "a re-run of stack.sh is due: unstack first",
            "ovs-vsctl as stack: permission denied; stack is in groups: stack sudo",
            "cannot reach ctl",
            "stack: failed in 0:03 - exit 1 after 3 s",
            "logged in as stackops",
            "no_proxy in /opt/stack/devstack/openrc lacks 127.0.0.1",
        };
        for (String line : untouched) {
            assertThat(weak.mask(line)).isEqualTo(line);
        }
    }

    @Test
    void aSecretIsMaskedWhereItIsPutEvenWhenItIsACommonWord() {
        assertThat(weak.mask("+ ADMIN_PASSWORD=devstack")).isEqualTo("+ ADMIN_PASSWORD=****");
        assertThat(weak.mask("export OS_PASSWORD='stack'")).isEqualTo("export OS_PASSWORD='****'");
        assertThat(weak.mask("The password: devstack")).isEqualTo("The password: ****");
        assertThat(weak.mask("+ sudo mysql -uroot -pstack -h127.0.0.1 -e 'SELECT 1'"))
                .isEqualTo("+ sudo mysql -uroot -p**** -h127.0.0.1 -e 'SELECT 1'");
        assertThat(weak.mask("connection = mysql+pymysql://root:stack@127.0.0.1/nova?charset=utf8"))
                .isEqualTo("connection = mysql+pymysql://root:****@127.0.0.1/nova?charset=utf8");
        assertThat(weak.mask("+ iniset /etc/nova/nova.conf keystone_authtoken password ctl"))
                .isEqualTo("+ iniset /etc/nova/nova.conf keystone_authtoken password ****");
        assertThat(weak.mask("USING PASSWORD('stack'); CREATE USER 'root'@'%' identified by 'stack';"))
                .isEqualTo("USING PASSWORD('****'); CREATE USER 'root'@'%' identified by '****';");
        assertThat(weak.mask("+ sudo mysql -e 'CREATE USER '\\''root'\\''@'\\''%'\\'' identified by '\\''stack'\\'';'"))
                .isEqualTo("+ sudo mysql -e 'CREATE USER '\\''root'\\''@'\\''%'\\'' identified by '\\''****'\\'';'");
        assertThat(weak.mask("+ sudo rabbitmqctl change_password stackrabbit opt"))
                .isEqualTo("+ sudo rabbitmqctl change_password stackrabbit ****");
        assertThat(weak.mask("+ openstack user create --password devstack --project admin nova"))
                .isEqualTo("+ openstack user create --password **** --project admin nova");
    }

    @Test
    void aUrlPasswordIsMaskedWhateverItIs() {
        assertThat(SecretMasker.none().mask("x")).isEqualTo("x");
        SecretMasker masker = new SecretMasker(List.of("unrelated"));
        assertThat(masker.mask("proxy http://bob:notInTheSpec@10.0.0.1:3128 refused"))
                .isEqualTo("proxy http://bob:****@10.0.0.1:3128 refused");
    }

    @Test
    void aShortSecretThatIsNoCommonWordIsMaskedAsAWholeTokenOnly() {
        SecretMasker masker = new SecretMasker(List.of("pw7"), List.of("lab1"));
        assertThat(masker.mask("echo pw7")).isEqualTo("echo ****");
        assertThat(masker.mask("login 'pw7' refused; again with pw7.")).isEqualTo("login '****' refused; again with ****.");
        assertThat(masker.mask("user:pw7 at lab1")).isEqualTo("user:**** at lab1");
        assertThat(masker.mask("/srv/pw7/data and pw7x and xpw7")).isEqualTo("/srv/pw7/data and pw7x and xpw7");
    }

    @Test
    void aDistinctiveSecretIsMaskedEvenInsideAnotherWord() {
        SecretMasker masker = new SecretMasker(List.of("hunter2pw", "p a s s", "x!y"), List.of("lab1"));
        assertThat(masker.mask("prefixhunter2pwsuffix")).isEqualTo("prefix****suffix");
        assertThat(masker.mask("key p a s s here")).isEqualTo("key **** here");
        assertThat(masker.mask("abcx!yz")).isEqualTo("abc****z");
    }

    @Test
    void aSecretEqualToAHostNameLeavesTheHostReadableButNotTheAssignment() {
        SecretMasker masker = new SecretMasker(List.of("ctl"), List.of("ctl"));
        assertThat(masker.mask("cannot reach ctl")).isEqualTo("cannot reach ctl");
        assertThat(masker.mask("SERVICE_PASSWORD=ctl")).isEqualTo("SERVICE_PASSWORD=****");
    }

    @Test
    void textWithoutSecretsComesBackAsItWas() {
        String line = "+ [[ '' == \\T\\r\\u\\e ]] and using password: YES";
        assertThat(weak.mask(line)).isSameAs(line);
    }
}
