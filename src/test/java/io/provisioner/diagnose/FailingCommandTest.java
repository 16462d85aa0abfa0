package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailingCommandTest {
    private static FailingCommand follow(String... lines) {
        FailingCommand failing = new FailingCommand(line -> true);
        long number = 0;
        for (String line : lines) {
            number++;
            if (line.startsWith("+")) {
                failing.trace(number, line);
            } else {
                failing.output(number, line);
            }
        }
        return failing;
    }

    @Test
    void theCommandBeforeTheDieKeepsItsOutputThroughTheTestsAfterIt() {
        FailingCommand failing = follow(
                "++functions:get_extra_file:62               wget -t 2 -c https://example.org/etcd.tar.gz -O /f/etcd.tar.gz",
                "Connecting to example.org (example.org)|10.0.0.1|:443... failed: Connection timed out.",
                "Giving up.",
                "++functions:get_extra_file:67               [[ 4 -ne 0 ]]",
                "++functions:get_extra_file:68               die 'https://example.org/etcd.tar.gz could not be downloaded'",
                "++functions-common:die:187                  local exitcode=0",
                "[ERROR] /opt/stack/devstack/functions:https://example.org/etcd.tar.gz could",
                "+lib/etcd3:install_etcd3:101               etcd_file='[Call Trace]",
                "./stack.sh:820:install_etcd3",
                "+lib/etcd3:install_etcd3:1                 exit_trap",
                "+./stack.sh:exit_trap:515                  local r=1",
                "Error on exit");
        assertThat(failing.command()).startsWith("wget -t 2");
        assertThat(failing.output()).containsExactly(
                "Connecting to example.org (example.org)|10.0.0.1|:443... failed: Connection timed out.", "Giving up.");
    }

    @Test
    void aPlainTraceNamesTheCommandAndTheDevstackFunctionsCalledBeforeTheTrap() {
        FailingCommand failing = follow(
                "+ pip_install django-nose-selenium",
                "+ [[ -z '' ]]",
                "+ CMD_PIP=/usr/bin/pip",
                "+ sudo PIP_DOWNLOAD_CACHE=/var/cache/pip /usr/bin/pip install django-nose-selenium",
                "sudo: /usr/bin/pip: command not found",
                "++ failed",
                "++ local r=1",
                "++ set +o xtrace");
        assertThat(failing.command()).isEqualTo("sudo PIP_DOWNLOAD_CACHE=/var/cache/pip /usr/bin/pip install django-nose-selenium");
        assertThat(failing.output()).containsExactly("sudo: /usr/bin/pip: command not found");
        assertThat(failing.plainCalls()).containsExactly("pip_install");
    }

    @Test
    void aNonFatalErrorDoesNotEndTheSearchWhenStackGoesOn() {
        FailingCommand failing = follow(
                "+lib/nova:configure_nova:400               err 400 'a warning that is not fatal'",
                "[ERROR] /opt/stack/devstack/lib/nova:400 a warning that is not fatal",
                "+lib/nova:init_nova:800                    nova-manage db sync",
                "ERROR nova: database is locked",
                "+lib/nova:init_nova:1                      exit_trap",
                "+./stack.sh:exit_trap:515                  echo 'Error on exit'");
        assertThat(failing.command()).isEqualTo("nova-manage db sync");
        assertThat(failing.output()).containsExactly("ERROR nova: database is locked");
    }

    @Test
    void aSkippedCommandGivenLateStillOwnsTheOutputAfterIt() {
        FailingCommand failing = new FailingCommand(line -> true);
        failing.trace(10, "+functions-common:git_timed:650   git clone https://example.org/x /opt/stack/x");
        failing.output(900, "Receiving objects:  10%");
        failing.trace(500, "+inc/python:pip_install:352   sudo -H /usr/local/bin/pip3 install -r requirements.txt");
        failing.output(950, "ERROR: No matching distribution found for x==1.0");
        failing.trace(951, "+inc/python:pip_install:1   exit_trap");
        assertThat(failing.command()).isEqualTo("sudo -H /usr/local/bin/pip3 install -r requirements.txt");
        assertThat(failing.output()).containsExactly("Receiving objects:  10%", "ERROR: No matching distribution found for x==1.0");
    }

    @Test
    void aPlainCallGivenLateBehindTheCommandIsStillACall() {
        // a fast scanner feeds the command's line (it holds a literal) and gives the older "+ pip_install" later
        FailingCommand late = new FailingCommand(line -> true);
        late.trace(4, "++ sudo -H http_proxy=http://proxy.example.com:911 /bin/pip install virtualenv");
        late.output(5, "Requirement already satisfied (use --upgrade to upgrade): virtualenv in /usr/lib/python2.7/site-packages");
        late.trace(3, "++ pip_install virtualenv");
        late.trace(2, "++ install_package gcc python-devel");
        FailingCommand read = follow("+ source /opt/stack/devstack/tools/build_wheels.sh",
                "++ install_package gcc python-devel",
                "++ pip_install virtualenv",
                "++ sudo -H http_proxy=http://proxy.example.com:911 /bin/pip install virtualenv",
                "Requirement already satisfied (use --upgrade to upgrade): virtualenv in /usr/lib/python2.7/site-packages");
        assertThat(late.plainCalls()).containsExactly("install_package", "pip_install");
        assertThat(late.plainCalls()).isEqualTo(read.plainCalls());
        assertThat(late.command()).isEqualTo(read.command());
    }
}
