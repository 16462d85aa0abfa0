package io.provisioner.devstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Ps4FrameTest {
    @Test
    void parsesColourFormWithoutSpaceAfterPlus() {
        Ps4Frame f = Ps4Frame.parse("+functions-common:git_timed:599            timeout -s SIGINT 0 git clone x");
        assertThat(f.depth()).isEqualTo(1);
        assertThat(f.step()).isEqualTo(new Step("functions-common", "git_timed", 599));
        assertThat(f.command()).isEqualTo("timeout -s SIGINT 0 git clone x");
    }

    @Test
    void parsesPlainFormWithColonSeparator() {
        Ps4Frame f = Ps4Frame.parse("+ lib/databases/mysql:configure_database_mysql:91 :   sudo mysql -uroot");
        assertThat(f.step()).isEqualTo(new Step("lib/databases/mysql", "configure_database_mysql", 91));
        assertThat(f.command()).isEqualTo("sudo mysql -uroot");
    }

    @Test
    void parsesThe2016FormWithAnLBeforeTheLineNumber() {
        // stack.sh's PS4 from February 2016: '+ ${BASH_SOURCE}:${FUNCNAME[0]}:L${LINENO}:   '
        Ps4Frame f = Ps4Frame.parse("+ devstack/functions-common:_run_process:L1391:   setsid uwsgi /etc/keystone/k.ini");
        assertThat(f.step()).isEqualTo(new Step("devstack/functions-common", "_run_process", 1391));
        assertThat(f.command()).isEqualTo("setsid uwsgi /etc/keystone/k.ini");
    }

    @Test
    void countsNestedSubshellPluses() {
        Ps4Frame f = Ps4Frame.parse("++./stack.sh:exit_trap:475                  jobs -p");
        assertThat(f.depth()).isEqualTo(2);
        assertThat(f.step()).isEqualTo(new Step("./stack.sh", "exit_trap", 475));
    }

    @Test
    void rejectsPlainXtraceAndOtherLines() {
        assertThat(Ps4Frame.parse("+ echo hello")).isNull();
        assertThat(Ps4Frame.parse("+ x=a:b:c")).isNull();
        assertThat(Ps4Frame.parse("Error on exit")).isNull();
        assertThat(Ps4Frame.parse("+")).isNull();
    }
}
