package io.provisioner.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnoserTest {
    private static Diagnosis diagnose(String... lines) {
        return Diagnoser.builtin().diagnose(new StringReader(String.join("\n", lines)));
    }

    @Test
    void anUnwritableCheckoutOutranksThePasswordPromptItCauses() {
        Diagnosis d = diagnose(
                "+ ./stack.sh:main:76                       :   extract_localrc_section /opt/stack/devstack/local.conf",
                "/opt/stack/devstack/inc/meta-config: line 99: /opt/stack/devstack/.localrc.auto: Permission denied",
                "+ ./stack.sh:main:312                      :   read_password DATABASE_PASSWORD 'ENTER A PASSWORD TO USE FOR THE DATABASE.'",
                "ENTER A PASSWORD TO USE FOR THE DATABASE.",
                "Enter a password now:",
                "Error on exit");
        assertThat(d.category()).as(d.toText()).isEqualTo("directory-ownership-permission");
        assertThat(d.fixups()).containsExactly("stack-dir-ownership");
        assertThat(d.summary()).contains("/opt/stack/devstack/.localrc.auto");

        Diagnosis outside = diagnose("touch: cannot touch '/srv/devstack/.localrc.password': Permission denied",
                "Error on exit");
        assertThat(outside.category()).isEqualTo("directory-ownership-permission");

        // a prompt alone is still a prompt
        assertThat(diagnose("ENTER A PASSWORD TO USE FOR THE DATABASE.", "Enter a password now:").category())
                .isEqualTo("password-prompt");
    }

    @Test
    void aPortInUseIsNamedButNotClearSoUnstackIsNotOffered() {
        // the same bind error comes from a previous run's service or from a second service of this run on that port
        // (set I: a second cell's nova-novncproxy on the first cell's port): the rule competes_with service-start
        Diagnosis d = diagnose(
                "Apr 02 20:49:58 lab1 devstack@n-novnc-cell2.service[30717]: ERROR nova error: [Errno 98] Address already in use",
                "Apr 02 20:49:58 lab1 systemd[1]: devstack@n-novnc-cell2.service: Main process exited, code=exited, status=1/FAILURE");
        assertThat(d.category()).as(d.toText()).isEqualTo("stale-services-from-previous-run");
        assertThat(d.confidence()).isEqualTo("medium");
        assertThat(d.nextBest()).isEqualTo("service-start-failure");
        assertThat(d.fixups()).isEmpty();
        assertThat(d.summary()).contains("second service of this run").contains("no fix-up is offered");

        // a cross-cutting category whose message has no second cause stays a clear call
        Diagnosis leftover = diagnose(
                "+ ./stack.sh:main:300                      :   sudo ovs-vsctl --no-wait -- --may-exist add-br br-ex",
                "ovs-vsctl: cannot create a bridge named br-ex because a port named br-ex already exists on bridge br-int",
                "Error on exit");
        assertThat(leftover.category()).as(leftover.toText()).isEqualTo("stale-services-from-previous-run");
        assertThat(leftover.confidence()).isEqualTo("high");
        assertThat(leftover.nextBest()).isNull();
    }

    @Test
    void setIsFamiliesAreNamedByTheirMessagesNotOneLogsWording() {
        // a forced unsupported release (yum's form of a missing package, not set I's apt one)
        Diagnosis forced = diagnose("WARNING: this script has not been tested on fc99",
                "+ functions-common:yum_install:1120         :   sudo yum install -y libvirt-foo",
                "No package libvirt-foo available.",
                "Error: Nothing to do",
                "Error on exit");
        assertThat(forced.category()).as(forced.toText()).isEqualTo("unsupported-distro");
        assertThat(forced.summary()).contains("fc99").contains("libvirt-foo");

        // without the warning a missing package is a source or a release: named, but not clear
        Diagnosis missing = diagnose("E: Package 'python-foo' has no installation candidate", "Error on exit");
        assertThat(missing.category()).as(missing.toText()).isEqualTo("apt-source-failure");
        assertThat(missing.confidence()).isEqualTo("medium");
        assertThat(missing.nextBest()).isEqualTo("unsupported-distro");

        Diagnosis reload = diagnose("+ functions-common:reload_service:2317      sudo /bin/systemctl reload apache2",
                "apache2.service is not active, cannot reload.", "Error on exit");
        assertThat(reload.category()).as(reload.toText()).isEqualTo("service-start-failure");
        assertThat(reload.summary()).contains("apache2");

        Diagnosis upstart = diagnose("+ sudo /usr/sbin/service rabbitmq-server start",
                "start: Job is already running: rabbitmq-server", "Error on exit");
        assertThat(upstart.category()).as(upstart.toText()).isEqualTo("service-start-failure");
        assertThat(upstart.nextBest()).isEqualTo("stale-services-from-previous-run");
        assertThat(upstart.fixups()).isEmpty();

        Diagnosis driver = diagnose("ModuleNotFoundError: No module named 'psycopg2'", "Error on exit");
        assertThat(driver.category()).as(driver.toText()).isEqualTo("pip-install-failure");

        Diagnosis syntax = diagnose(
                "/opt/stack/devstack/lib/neutron_plugins/openvswitch_agent: line 40: syntax error near unexpected token `fi'",
                "Error on exit");
        assertThat(syntax.category()).as(syntax.toText()).isEqualTo("neutron-backend-misconfigured");
        assertThat(syntax.summary()).contains("neutron_plugins/openvswitch_agent");
    }

    @Test
    void aYumDownloadThatFailsIsADownloadFailureNotTheHostsAptSources() {
        Diagnosis d = diagnose(
                "+ functions-common:yum_install:1120         :   sudo http_proxy= https_proxy= no_proxy= yum install -y"
                        + " https://repos.example.org/rdo/rdo-release-kilo-1.noarch.rpm",
                "Loaded plugins: product-id, search-disabled-repos",
                "Cannot open: https://repos.example.org/rdo/rdo-release-kilo-1.noarch.rpm. Skipping.",
                "Error: Nothing to do",
                "+ functions-common:yum_install:1125         :   die 1125 'yum install failure'",
                "[Call Trace]",
                "./stack.sh:281:yum_install",
                "/opt/stack/devstack/functions-common:1125:die",
                "[ERROR] /opt/stack/devstack/functions-common:1125 yum install failure",
                "Error on exit");
        assertThat(d.category()).as(d.toText()).isEqualTo("network-download-failure");
        assertThat(d.fixups()).as("a file gone from its URL fails the same way again").isEmpty();
        assertThat(d.summary()).contains("https://repos.example.org/rdo/rdo-release-kilo-1.noarch.rpm")
                .doesNotContain("apt-get");
    }

    @Test
    void worlddumpOvsLinesAfterErrorOnExitAreStateNotTheFailure() throws Exception {
        Diagnosis d = CategoryLogsTest.diagnose("proxy-no-proxy-missing/seed-round5-keystone-proxy-ovs-in-worlddump.log");
        assertThat(d.category()).isEqualTo("proxy-no-proxy-missing");
        assertThat(d.fixups()).containsExactly("no-proxy");
        assertThat(d.failedStep().function()).isEqualTo("create_keystone_accounts");
        assertThat(d.evidence()).extracting(Evidence::text).noneMatch(t -> t.contains("ovs-vsctl"));
        assertThat(d.facts()).containsEntry("http_proxy", "http://10.10.126.187:3129").containsEntry("no_proxy", "");
    }

    @Test
    void ovsPermissionOnlyAfterExitIsNeverOvsCategory() {
        Diagnosis d = diagnose(
                "+lib/nova:init_nova:800                    nova-manage db sync",
                "Something odd happened",
                "Error on exit",
                "World dumping... see /opt/stack/logs/worlddump-2016-04-29-090510.txt for details",
                "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (Permission denied)");
        assertThat(d.category()).isEqualTo("unknown");
        assertThat(d.outcome()).isEqualTo(LogOutcome.FAILED);
        assertThat(d.failedStep()).isEqualTo(new FailedStep("lib/nova", "init_nova", 800));
    }

    @Test
    void ovsPermissionBeforeExitIsOvsCategory() {
        Diagnosis d = diagnose(
                "+lib/neutron_plugins/ovs_base:_neutron_ovs_base_setup_bridge:33  ovs-vsctl --no-wait -- --may-exist add-br br-int",
                "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (Permission denied)",
                "Error on exit");
        assertThat(d.category()).isEqualTo("ovs-db-sock-permission");
        assertThat(d.fixups()).containsExactly("ovs-socket-permissions");
        assertThat(d.facts()).containsEntry("socket", "/var/run/openvswitch/db.sock");
    }

    @Test
    void capturesPackageFactForPipDistutils() {
        Diagnosis d = diagnose("ERROR: Cannot uninstall 'PyYAML'. It is a distutils installed project and thus we"
                + " cannot accurately determine which files belong to it which would lead to only a partial uninstall.");
        assertThat(d.facts()).containsEntry("package", "PyYAML");
        assertThat(d.summary()).contains("PyYAML");
        assertThat(d.outcome()).isEqualTo(LogOutcome.FAILED);
    }

    @Test
    void capturesUriForFailingAptSource() {
        Diagnosis d = diagnose("E: The repository 'http://ppa.launchpad.net/x/y/ubuntu noble Release' does not have a Release file.");
        assertThat(d.category()).isEqualTo("apt-source-failure");
        assertThat(d.facts()).containsEntry("uri", "http://ppa.launchpad.net/x/y/ubuntu noble Release");
    }

    @Test
    void capturesUrlForGitProtocolClone() {
        Diagnosis d = diagnose("[ERROR] /home/b/devstack/functions-common:603 git call failed: [git clone"
                + " git://git.openstack.org/openstack/requirements.git /opt/stack/requirements]");
        assertThat(d.category()).isEqualTo("git-protocol-blocked");
        assertThat(d.facts()).containsEntry("url", "git://git.openstack.org/openstack/requirements.git");
        assertThat(d.summary()).contains("git://git.openstack.org/openstack/requirements.git");
    }

    @Test
    void devstackTracingItsOwnMessageDoesNotFireARule() {
        Diagnosis d = diagnose(
                "+ lib/neutron:start_neutron_api:658 :   test_with_retry 'wget --no-proxy -q -O- http://h/networking' 'Neutron did not start' 60",
                "+ ./stack.sh:main:1400 :   echo_summary 'Starting Nova'");
        assertThat(d.outcome()).isEqualTo(LogOutcome.INCOMPLETE);
        assertThat(d.category()).isEqualTo("unknown");
    }

    @Test
    void farAwayRecoveredErrorLosesToTheFailureNearTheEnd() {
        StringBuilder log = new StringBuilder("curl: (28) Failed to connect to bootstrap.pypa.io port 443\n");
        for (int i = 0; i < 3000; i++) {
            log.append("+ functions-common:apt_get:1150 :   echo ").append(i).append('\n');
        }
        log.append("ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)\nError on exit\n");
        Diagnosis d = Diagnoser.builtin().diagnose(new StringReader(log.toString()));
        assertThat(d.category()).isEqualTo("mysql-root-access-denied");
    }

    @Test
    void jsonHasExactlyTheDesignFields() throws Exception {
        Diagnosis d = CategoryLogsTest.diagnose("git-protocol-blocked/seed-round1-git-protocol.log");
        JsonNode j = new ObjectMapper().readTree(d.toJson());
        assertThat(j.fieldNames()).toIterable().containsExactly("outcome", "category", "fixups", "evidence",
                "failed_step", "summary", "confidence", "runbook");
        assertThat(j.get("confidence").asText()).isEqualTo("high");
        assertThat(j.get("runbook").asText()).isEqualTo("docs/runbooks/git-protocol-blocked.md");
        assertThat(j.get("outcome").asText()).isEqualTo("failed");
        assertThat(j.get("failed_step").get("function").asText()).isEqualTo("git_timed");
        assertThat(j.get("failed_step").get("line").asInt()).isEqualTo(603);
        assertThat(j.get("evidence").get(0).get("line").asLong()).isPositive();
        assertThat(j.get("fixups").get(0).asText()).isEqualTo("git-https");
    }

    @Test
    void successHasNullCategoryAndNoFixups() throws Exception {
        Diagnosis d = CategoryLogsTest.diagnose("success/seed-success-summary-2016.log");
        JsonNode j = new ObjectMapper().readTree(d.toJson());
        assertThat(j.get("category").isNull()).isTrue();
        assertThat(j.get("outcome").asText()).isEqualTo("succeeded");
        assertThat(d.summary()).contains("2574 seconds", "http://10.10.105.71/dashboard");
        assertThat(d.facts()).containsEntry("host_ip", "10.10.105.71");
    }

    @Test
    void textIsOneParagraphNamingStepCategoryAndFixups() throws Exception {
        String text = CategoryLogsTest.diagnose("mysql-root-access-denied/seed-round4-mysql-1045.log").toText();
        String first = text.lines().findFirst().orElseThrow();
        assertThat(first).contains("stack.sh failed at lib/databases/mysql:configure_database_mysql:91",
                "(mysql-root-access-denied)", "Fix-ups: mysql-root-password.");
        assertThat(text).contains("ERROR 1045 (28000)");
    }

    @Test
    void sessionGivesLivePhaseAndDiagnosisMidStream() {
        DiagnosisSession s = Diagnoser.builtin().newSession();
        s.accept("+ ./stack.sh:main:786 :   echo_summary 'Installing package prerequisites'");
        assertThat(s.phase()).isEqualTo("Installing package prerequisites");
        assertThat(s.diagnosis().outcome()).isEqualTo(LogOutcome.INCOMPLETE);
        s.accept("E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 2448 (unattended-upgr)");
        Diagnosis d = s.diagnosis();
        assertThat(d.category()).isEqualTo("apt-lock-held");
        assertThat(d.facts()).containsEntry("holder", "unattended-upgr").containsEntry("lock", "/var/lib/dpkg/lock-frontend");
    }

    @Test
    void sudosWarningOnAHostWhoseOwnNameDoesNotResolveIsNotADnsFailure() throws Exception {
        // cloud images often lack the hostname in /etc/hosts: then every sudo in stack.sh prints this warning
        String warning = "sudo: unable to resolve host devstack-01: Name or service not known";
        String log;
        try (var in = getClass().getResourceAsStream("/logs/service-start-failure/whole-keystone-did-not-start.log")) {
            log = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        String noisy = log.lines().map(l -> n.incrementAndGet() % 3 == 0 ? warning + "\n" + l : l)
                .collect(java.util.stream.Collectors.joining("\n", warning + "\n", "\n"));
        assertThat(noisy.split(warning, -1).length).as("warnings injected").isGreaterThan(5);

        Diagnosis d = Diagnoser.builtin().diagnose(new StringReader(noisy));
        Diagnosis quiet = Diagnoser.builtin().diagnose(new StringReader(log));
        assertThat(d.category()).as(d.toText()).isEqualTo(quiet.category()).isEqualTo("service-start-failure");
        assertThat(d.evidence()).extracting(Evidence::text).noneMatch(t -> t.contains("unable to resolve host"));

        // a real lookup failure that happens to name "host" is still one
        assertThat(diagnose("ERROR: Could not connect: getaddrinfo for host git.example.org: Name or service not known",
                "Error on exit").category()).isEqualTo("dns-resolution-failure");
        assertThat(diagnose(warning.replace("Name or service not known", "Temporary failure in name resolution"),
                "fatal: unable to access 'https://opendev.org/openstack/nova.git/': Temporary failure in name resolution",
                "Error on exit").evidence()).extracting(Evidence::text).singleElement().asString().startsWith("fatal:");
    }
}
