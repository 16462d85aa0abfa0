package io.provisioner.diagnose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagnosis from where DevStack failed when no message rule knows the output, or when the message alone would
 * mislead: the family of the failing function, the failing command and what that command itself printed.
 */
class WhereItFailedTest {
    private static Diagnosis diagnose(String... lines) {
        return Diagnoser.builtin().diagnose(new StringReader(String.join("\n", lines)));
    }

    @Test
    void aFileLeftFromThePreviousRunInsideANeutronFunctionIsTheLeftoverNotNeutron() {
        Diagnosis diagnosis = diagnose(
                "+lib/neutron-legacy:_neutron_configure_router_v6:1421  sudo ip -6 addr add fe80:cafe:cafe::1/64 dev br-ex",
                "+lib/neutron-legacy:_neutron_configure_router_v6:1424  sudo ip -6 addr add 2001:db8::1/64 dev br-ex",
                "RTNETLINK answers: File exists",
                "+lib/neutron-legacy:_neutron_configure_router_v6:1 exit_trap",
                "+./stack.sh:exit_trap:492                  echo 'Error on exit'",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("stale-services-from-previous-run");
        assertThat(diagnosis.confidence()).isEqualTo("medium");
        assertThat(diagnosis.nextBest()).isEqualTo("neutron-backend-misconfigured");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void theSameWordsPrintedByAnEarlierCommandSayNothingAboutTheFailingOne() {
        Diagnosis diagnosis = diagnose(
                "+lib/neutron-legacy:_neutron_configure_router_v6:1421  sudo ip -6 addr add fe80:cafe:cafe::1/64 dev br-ex",
                "RTNETLINK answers: File exists",
                "+lib/neutron-legacy:_neutron_configure_router_v6:1430  sudo ip -6 route replace 2001:db8::/56 via fe80::1",
                "Error: Nexthop has invalid gateway.",
                "+lib/neutron-legacy:_neutron_configure_router_v6:1 exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("neutron-backend-misconfigured");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void pbrWithoutGitIsTheOwnershipCheckOnlyWhereRootRanPipOverTheCheckout() {
        String[] pbr = {
                "Exception: Versioning for this project requires either an sdist tarball, or access to an upstream git"
                        + " repository. It's also possible that there is a mismatch between the package name in setup.cfg",
                "error: subprocess-exited-with-error",
                "+ inc/python:pip_install:1                :   exit_trap",
                "Error on exit"};
        Diagnosis asRoot = diagnose(concat(new String[]{"+ inc/python:pip_install:198 :   sudo -H LC_ALL=en_US.UTF-8"
                + " python3.8 -m pip install -c /opt/stack/requirements/upper-constraints.txt -e /opt/stack/keystone"}, pbr));
        assertThat(asRoot.category()).as(asRoot.toText()).isEqualTo("directory-ownership-permission");
        assertThat(asRoot.fixups()).isEmpty();
        // pip in the stack user's own venv ("env", DevStack's GLOBAL_VENV): git's ownership check cannot be the cause
        Diagnosis inVenv = diagnose(concat(new String[]{"+ inc/python:pip_install:209 :   env http_proxy= https_proxy="
                + " /opt/stack/data/venv/bin/pip install -c /opt/stack/requirements/upper-constraints.txt -e /opt/stack/keystone"}, pbr));
        assertThat(inVenv.category()).as(inVenv.toText()).isEqualTo("pip-install-failure");
    }

    @Test
    void mkdirsOwnReasonSeparatesALeftoverTreeFromADirectoryThatBelongsToSomeoneElse() {
        // the same command in the same function: EEXIST is a tree a previous run made, EACCES a directory the stack
        // user may not write
        Diagnosis exists = diagnose(
                "+lib/tls:create_CA_base:120                mkdir /opt/stack/data/CA/int-ca",
                "mkdir: cannot create directory '/opt/stack/data/CA/int-ca': File exists",
                "+lib/tls:create_CA_base:1                  exit_trap",
                "Error on exit");
        assertThat(exists.category()).as(exists.toText()).isEqualTo("stale-services-from-previous-run");
        assertThat(exists.confidence()).isEqualTo("medium");
        assertThat(exists.fixups()).isEmpty();
        Diagnosis denied = diagnose(
                "+lib/tls:create_CA_base:120                mkdir /opt/stack/data/CA/int-ca",
                "mkdir: cannot create directory '/opt/stack/data/CA/int-ca': Permission denied",
                "+lib/tls:create_CA_base:1                  exit_trap",
                "Error on exit");
        assertThat(denied.category()).as(denied.toText()).isEqualTo("directory-ownership-permission");
    }

    @Test
    void aMissingUnitOfTheNeutronBackendIsNeutronsAnyOtherIsAServiceThatDidNotStart() {
        // Fedora's unit name and systemd's wording (set J's log is Ubuntu's sysvinit "unrecognized service"): the
        // service being started is Open vSwitch, so the Neutron family claims the generic message
        Diagnosis ovs = diagnose(
                "+lib/neutron_plugins/ovs_base:_neutron_ovs_base_install_agent_packages:81 restart_service openvswitch",
                "+functions-common:restart_service:2321      sudo /bin/systemctl restart openvswitch",
                "Failed to restart openvswitch.service: Unit openvswitch.service not found.",
                "+functions-common:restart_service:1         exit_trap",
                "Error on exit");
        assertThat(ovs.category()).as(ovs.toText()).isEqualTo("neutron-backend-misconfigured");
        assertThat(ovs.confidence()).isEqualTo("medium");
        assertThat(ovs.fixups()).isEmpty();
        Diagnosis other = diagnose(
                "+lib/nova_plugins/functions-libvirt:install_libvirt:70 restart_service libvirt-bin",
                "+functions-common:restart_service:2321      sudo /bin/systemctl restart libvirt-bin",
                "Failed to restart libvirt-bin.service: Unit libvirt-bin.service not found.",
                "+functions-common:restart_service:1         exit_trap",
                "Error on exit");
        assertThat(other.category()).as(other.toText()).isEqualTo("service-start-failure");
        assertThat(other.fixups()).isEmpty();
    }

    @Test
    void aServiceLogNamingAModuleWithoutTheAttributeIsPackagingButNotAClearCall() {
        Diagnosis diagnosis = diagnose(
                "+lib/glance:start_glance:420              die 420 'g-api did not start'",
                "[ERROR] /opt/stack/devstack/lib/glance:420 g-api did not start",
                "Error on exit",
                "ERROR glance.common.wsgi AttributeError: module 'eventlet.green.ssl' has no attribute 'wrap_socket'");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("pip-install-failure");
        assertThat(diagnosis.confidence()).isEqualTo("medium");
        assertThat(diagnosis.nextBest()).isEqualTo("service-start-failure");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void aServiceThatCannotImportANameIsNotUnstackedAsIfSomethingHeldIt() throws java.io.IOException {
        Diagnosis diagnosis = diagnose(
                "+lib/cinder:start_cinder:560              die 560 'c-api did not start'",
                "[ERROR] /opt/stack/devstack/lib/cinder:560 c-api did not start",
                "Error on exit",
                "devstack@c-api.service[4242]: ImportError: cannot import name 'soft_unicode' from 'markupsafe'"
                        + " (/usr/local/lib/python3.10/dist-packages/markupsafe/__init__.py)");
        assertThat(diagnosis.confidence()).as(diagnosis.toText()).isEqualTo("medium");
        assertThat(java.util.List.of(diagnosis.category(), diagnosis.nextBest()))
                .containsExactlyInAnyOrder("service-start-failure", "pip-install-failure");
        assertThat(diagnosis.fixups()).isEmpty();
        // when the leading family's fix-up is withheld, the paragraph says so once
        // (set L's PasteDeploy log, which showed this, is pip-install-failure since round 11 and withholds nothing;
        // a port held at start withholds unstack the same way)
        Diagnosis withheld = diagnose(java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                "src/test/resources/logs/stale-services-from-previous-run/whole-glance-bind-2016.log"))
                .toArray(String[]::new));
        assertThat(withheld.withheldFixups()).as(withheld.toText()).contains("unstack");
        assertThat(withheld.toText()).contains("so no fix-up is offered.").doesNotContain("No automatic fix-up applies");
    }

    @Test
    void anHttpClientErrorIsTheServersAnswerSoItIsNotRetriedButAGatewayErrorIs() {
        Diagnosis gone = diagnose(
                "+functions:upload_image:141                wget --progress=dot:giga -c https://mirror.example.org/images/old.qcow2 -O /opt/stack/devstack/files/old.qcow2",
                "HTTP request sent, awaiting response... 410 Gone",
                "2021-03-01 10:00:01 ERROR 410: Gone.",
                "+functions:upload_image:1                  exit_trap",
                "Error on exit");
        assertThat(gone.category()).as(gone.toText()).isEqualTo("network-download-failure");
        assertThat(gone.fixups()).isEmpty();
        Diagnosis gateway = diagnose(
                "+functions:upload_image:141                wget --progress=dot:giga -c https://mirror.example.org/images/new.qcow2 -O /opt/stack/devstack/files/new.qcow2",
                "HTTP request sent, awaiting response... 503 Service Unavailable",
                "2021-03-01 10:00:01 ERROR 503: Service Unavailable.",
                "+functions:upload_image:1                  exit_trap",
                "Error on exit");
        assertThat(gateway.category()).as(gateway.toText()).isEqualTo("network-download-failure");
        assertThat(gateway.fixups()).containsExactly("retry");
    }

    @Test
    void aScriptSavedFromAnErrorPageFailsInPythonAsADownload() {
        Diagnosis diagnosis = diagnose(
                "+/opt/stack/some-plugin/devstack/plugin.sh:install_tool:40  python3 /opt/stack/data/install-tool.py",
                "  File \"/opt/stack/data/install-tool.py\", line 1",
                "    <!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
                "    ^",
                "SyntaxError: invalid syntax",
                "+/opt/stack/some-plugin/devstack/plugin.sh:install_tool:1  exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("network-download-failure");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void aServiceRefusingItsOwnArgumentsIsNotUnstacked() {
        Diagnosis diagnosis = diagnose(
                "+lib/placement:start_placement:120          die 120 'placement-api did not start'",
                "[ERROR] /opt/stack/devstack/lib/placement:120 placement-api did not start",
                "Error on exit",
                "devstack@placement-api.service[777]: placement-api: error: the following arguments are required: --port");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("service-start-failure");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // a plugin making Neutron's directory as the stack user: ownership or the plugin's phase, no fix-up
            "mkdir -p /etc/neutron/policy.d|mkdir: cannot create directory '/etc/neutron': Permission denied|neutron-backend-misconfigured",
            "cp etc/sfc.ini /etc/neutron/plugins/ml2/sfc.ini|cp: cannot create regular file '/etc/neutron/plugins/ml2/sfc.ini': Permission denied|neutron-backend-misconfigured",
            // any other system directory: stack-dir-ownership never touches it
            "mkdir -p /etc/freezer|mkdir: cannot create directory ‘/etc/freezer’: Permission denied|",
            "python3 setup.py install|IOError: [Errno 13] Permission denied: '/usr/local/lib/python2.7/dist-packages/x.egg-link'|",
            "mkdir -p /var/lib/solum/git|mkdir: cannot create directory '/var/lib/solum': Permission denied|"})
    void aRefusedWriteInASystemDirectoryIsNotGivenTheStackTreesFixUp(String command, String said, String rival) {
        Diagnosis diagnosis = diagnose(
                "+/opt/stack/plugin/devstack/plugin.sh:install_plugin:30  " + command,
                said,
                "+/opt/stack/plugin/devstack/plugin.sh:install_plugin:1  exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("directory-ownership-permission");
        assertThat(diagnosis.fixups()).as(diagnosis.toText()).isEmpty();
        if (rival != null) {
            assertThat(diagnosis.confidence()).isEqualTo("medium");
            assertThat(diagnosis.nextBest()).isEqualTo(rival);
        }
    }

    @Test
    void aRefusedWriteUnderDevStacksTreeKeepsItsFixUp() {
        Diagnosis diagnosis = diagnose(
                "+functions-common:git_clone:600  git clone https://opendev.org/openstack/nova.git /opt/stack/nova",
                "fatal: could not create work tree dir '/opt/stack/nova': Permission denied",
                "+functions-common:git_clone:1  exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("directory-ownership-permission");
        assertThat(diagnosis.fixups()).containsExactly("stack-dir-ownership");
    }

    @Test
    void aBackendPluginWritingNeutronsConfigBeforeItExistsIsTheBackend() {
        Diagnosis diagnosis = diagnose(
                "+/opt/stack/networking-sfc/devstack/plugin.sh:configure_sfc:30  sudo tee /etc/neutron/plugins/ml2/sfc.ini",
                "tee: /etc/neutron/plugins/ml2/sfc.ini: No such file or directory",
                "+/opt/stack/networking-sfc/devstack/plugin.sh:configure_sfc:1  exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("neutron-backend-misconfigured");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void aRefusalUnderDevStacksDataDirIsLeftoverOrOwnershipAndTheLogCannotTell() {
        Diagnosis diagnosis = diagnose(
                "+/opt/stack/ironic/devstack/lib/ironic:configure_ironic_dirs:900  cp /opt/stack/ironic/etc/boot.ipxe /opt/stack/data/ironic/httpboot/boot.ipxe",
                "cp: cannot create regular file '/opt/stack/data/ironic/httpboot/boot.ipxe': Permission denied",
                "+/opt/stack/ironic/devstack/lib/ironic:configure_ironic_dirs:1  exit_trap",
                "Error on exit");
        assertThat(diagnosis.confidence()).as(diagnosis.toText()).isEqualTo("medium");
        assertThat(java.util.List.of(diagnosis.category(), diagnosis.nextBest()))
                .containsExactlyInAnyOrder("stale-services-from-previous-run", "directory-ownership-permission");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void anAddressRunAsACommandIsAVariableSplitNotTheStepsProgram() {
        Diagnosis diagnosis = diagnose(
                "+inc/python:pip_install:190                sudo http_proxy=http://proxy.example.com:3128 no_proxy=localhost, .example.com pip install -U pbr",
                "sudo: .example.com: command not found",
                "+inc/python:pip_install:1                  exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("unknown");
        assertThat(diagnosis.fixups()).isEmpty();
        // a real program missing is still the step's business, not this rule's
        Diagnosis program = diagnose(
                "+inc/python:pip_install:190                sudo pip3.6 install -U pbr",
                "sudo: pip3.6: command not found",
                "+inc/python:pip_install:1                  exit_trap",
                "Error on exit");
        assertThat(program.category()).as(program.toText()).isNotEqualTo("unknown");
    }

    @Test
    void aPathCommandRunUnderSudoSaysNothingAboutOwnership() {
        Diagnosis diagnosis = diagnose(
                "+tools/fixup_stuff.sh:fixup_ubuntu:82        sudo rm -f /usr/lib/python3/dist-packages/httplib2-0.11.3.egg-info",
                "rm: cannot remove '/usr/lib/python3/dist-packages/httplib2-0.11.3.egg-info': Is a directory",
                "+tools/fixup_stuff.sh:fixup_ubuntu:1         exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("unknown");
        // the stack user's own path command refused on a real path still is
        Diagnosis own = diagnose(
                "+lib/nova:configure_nova:310               mkdir -p /opt/stack/data/nova",
                "mkdir: cannot create directory '/opt/stack/data/nova': Permission denied",
                "+lib/nova:configure_nova:1                 exit_trap",
                "Error on exit");
        assertThat(own.category()).as(own.toText()).isEqualTo("directory-ownership-permission");
    }

    @Test
    void aRefusedConnectionIsAServiceNotAnsweringUnlessAProxyRefusedIt() {
        Diagnosis refused = diagnose(
                "+lib/swift:swift_configure_tempurls:877     openstack object store account set --property Temp-URL-Key=x",
                "Unable to establish connection to http://10.0.0.5:8080/v1/AUTH_x: ('Connection aborted.', error(111, 'ECONNREFUSED'))",
                "+lib/swift:swift_configure_tempurls:1        exit_trap",
                "Error on exit");
        assertThat(refused.category()).as(refused.toText()).isEqualTo("service-start-failure");
        assertThat(refused.fixups()).isEmpty();
        Diagnosis proxy = diagnose(
                "+lib/keystone:create_keystone_accounts:369  openstack project create admin",
                "Unable to establish connection to http://10.0.0.5/identity/v3/auth/tokens: HTTPConnectionPool(host='proxy',"
                        + " port=3128): Max retries exceeded (Caused by ProxyError('Cannot connect to proxy.',"
                        + " NewConnectionError('[Errno 111] Connection refused')))",
                "+lib/keystone:create_keystone_accounts:1   exit_trap",
                "Error on exit");
        assertThat(proxy.category()).as(proxy.toText()).isEqualTo("proxy-no-proxy-missing");
    }

    private static String[] concat(String[] first, String[] rest) {
        String[] out = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, out, first.length, rest.length);
        return out;
    }

    @Test
    void aNeutronServiceThatDidNotStartIsNeutronsFailureWithNoUnstack() {
        Diagnosis diagnosis = diagnose(
                "+lib/neutron:start_neutron_service_and_check:573  run_process neutron-api '/usr/local/bin/uwsgi --ini /etc/neutron/neutron-api-uwsgi.ini'",
                "+lib/neutron:start_neutron_service_and_check:582  test_with_retry 'curl -s http://10.0.0.5/networking' 'Neutron did not start' 60",
                "+functions-common:test_with_retry:2365     die 2365 'Neutron did not start'",
                "[Call Trace]",
                "./stack.sh:1301:start_neutron_service_and_check",
                "/opt/stack/devstack/lib/neutron:582:test_with_retry",
                "/opt/stack/devstack/functions-common:2365:die",
                "[ERROR] /opt/stack/devstack/functions-common:2365 Neutron did not start",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("neutron-backend-misconfigured");
        assertThat(diagnosis.fixups()).doesNotContain("unstack", "retry").isEmpty();
        assertThat(diagnosis.nextBest()).isEqualTo("service-start-failure");

        // the same die message for a service outside Neutron stays a service start failure
        Diagnosis glance = diagnose(
                "+lib/glance:start_glance:340               run_process g-api '/usr/local/bin/glance-api'",
                "+lib/glance:start_glance:344               die 344 'g-api did not start'",
                "[ERROR] /opt/stack/devstack/lib/glance:344 g-api did not start",
                "Error on exit");
        assertThat(glance.category()).as(glance.toText()).isEqualTo("service-start-failure");
    }

    @Test
    void aLogWithoutPs4FramesIsPlacedByItsTracedCommandAndFunctionCalls() {
        Diagnosis diagnosis = diagnose(
                "+ pip_install django-nose-selenium PassLib",
                "+ [[ -z '' ]]",
                "+ CMD_PIP=/usr/bin/pip",
                "+ sudo PIP_DOWNLOAD_CACHE=/var/cache/pip /usr/bin/pip install --use-mirrors django-nose-selenium PassLib",
                "sudo: /usr/bin/pip: command not found",
                "++ failed",
                "++ local r=1",
                "stack.sh failed: full log in /opt/stack/logs/stack.sh.log.2012-04-12-154401");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("pip-install-failure");
        assertThat(diagnosis.summary()).contains("function pip_install", "command");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void aNetworkTimeoutInsidePipInstallIsTheNetworkNotThePackage() {
        Diagnosis diagnosis = diagnose(
                "+inc/python:pip_install:352                sudo -H /usr/local/bin/pip2.7 install -c /opt/stack/requirements/upper-constraints.txt -r /opt/stack/nova/requirements.txt",
                "Collecting numpy===1.15.4 (from -c /opt/stack/requirements/upper-constraints.txt (line 291))",
                "ReadTimeoutError: HTTPSConnectionPool(host='files.pythonhosted.org', port=443): Read timed out.",
                "+inc/python:pip_install:1                  exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("network-download-failure");
        assertThat(diagnosis.nextBest()).isNull();
        assertThat(diagnosis.fixups()).containsExactly("retry");
    }

    @Test
    void devstacks2016Ps4FormGivesTheFailedStep() {
        Diagnosis diagnosis = diagnose(
                "+ devstack/functions-common:_run_process:L1391:   setsid uwsgi /etc/keystone/keystone-uwsgi-admin.ini",
                "execvp: No such file or directory",
                "+ devstack/lib/keystone:start_keystone:L589:   die 589 'keystone did not start'",
                "[ERROR] /opt/stack/new/devstack/lib/keystone:589 keystone did not start",
                "Error on exit");
        assertThat(diagnosis.failedStep()).isEqualTo(new FailedStep("devstack/lib/keystone", "start_keystone", 589));
        assertThat(diagnosis.category()).isEqualTo("service-start-failure");
    }
    @Test
    void aPathCommandOnABareRootIsAnEmptyVariableNotADirectoryOwnedBySomeoneElse() {
        Diagnosis emptyVariable = diagnose(
                "+inc/meta-config:merge_config_file:94      local real_configfile=",
                "+inc/meta-config:merge_config_file:96      touch /",
                "touch: setting times of '/': Permission denied",
                "+inc/meta-config:merge_config_file:1       exit_trap",
                "Error on exit");
        assertThat(emptyVariable.category()).as(emptyVariable.toText()).isNotEqualTo("directory-ownership-permission");
        assertThat(emptyVariable.fixups()).isEmpty();

        Diagnosis ownedByRoot = diagnose(
                "+./stack.sh:main:374                      mkdir -p /opt/stack/logs",
                "mkdir: cannot create directory '/opt/stack/logs/screen': Permission denied",
                "+./stack.sh:main:1                        exit_trap",
                "Error on exit");
        assertThat(ownedByRoot.category()).as(ownedByRoot.toText()).isEqualTo("directory-ownership-permission");
    }

    @Test
    void aRefusalThatNamesNoPathIsAMissingPrivilegeNotDirectoryOwnership() {
        Diagnosis diagnosis = diagnose(
                "+lib/neutron_plugins/services/l3:_configure_neutron_l3_agent:132 _move_neutron_addresses_route eth1 br-ex True False inet",
                "+lib/neutron-legacy:_move_neutron_addresses_route:642 arping -A -c 3 -w 4.5 -I br-ex 10.40.0.23",
                "arping: socket: Operation not permitted",
                "+lib/neutron-legacy:_move_neutron_addresses_route:1 exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("neutron-backend-misconfigured");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void aCommandOnTheKernelsSysTreeIsNotDirectoryOwnershipWhileOneOnDevStacksTreeStillIs() {
        Diagnosis kernel = diagnose(
                "+lib/host:configure_zswap:45              sudo tee /sys/module/zswap/parameters/zpool",
                "z3fold",
                "tee: /sys/module/zswap/parameters/zpool: No such file or directory",
                "+lib/host:configure_zswap:1               exit_trap",
                "Error on exit");
        assertThat(kernel.category()).as(kernel.toText()).isEqualTo("unknown");
        assertThat(kernel.fixups()).isEmpty();
        Diagnosis tree = diagnose(
                "+lib/host:configure_zswap:45              sudo tee /opt/stack/data/zswap.conf",
                "tee: /opt/stack/data/zswap.conf: Permission denied",
                "+lib/host:configure_zswap:1               exit_trap",
                "Error on exit");
        assertThat(tree.category()).as(tree.toText()).isEqualTo("directory-ownership-permission");
    }

    @Test
    void theKernelRefusingAnIpv6AddressIsIpv6DisabledNotNeutron() {
        Diagnosis diagnosis = diagnose(
                "+lib/neutron_plugins/services/l3:_neutron_configure_router_v6:415  sudo ip link set br-ex up",
                "+lib/neutron_plugins/services/l3:_neutron_configure_router_v6:416  sudo ip -6 addr replace 2001:db8::2/64 dev br-ex",
                "RTNETLINK answers: Permission denied",
                "+lib/neutron_plugins/services/l3:_neutron_configure_router_v6:1  exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("unknown");
        assertThat(diagnosis.summary()).contains("IPv6 is disabled");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void aProvisioningToolsFailedDevStackTaskIsAFailedRunOfUnknownCauseWhileOtherAnsibleOutputIsNoLog() {
        Diagnosis task = diagnose(
                "TASK [devstack : Run devstack \"stack\" script] ***",
                "fatal: [controller]: FAILED! => {\"changed\": false, \"msg\": \"The async task did not return valid JSON\"}",
                "PLAY RECAP *********************************************************************");
        assertThat(task.category()).as(task.toText()).isEqualTo("unknown");
        assertThat(task.outcome()).isNotEqualTo(LogOutcome.NOT_A_LOG);
        assertThat(task.fixups()).isEmpty();
        Diagnosis other = diagnose(
                "TASK [common : install git] ***",
                "fatal: [controller]: FAILED! => {\"changed\": false, \"msg\": \"No package matching 'git' found\"}",
                "PLAY RECAP *********************************************************************");
        assertThat(other.outcome()).as(other.toText()).isEqualTo(LogOutcome.NOT_A_LOG);
    }

    @Test
    void neutronsOwnProgramFailingInAPlainTraceIsNeutronsFamily() {
        Diagnosis diagnosis = diagnose(
                "2014-08-12 16:46:52 + /usr/local/bin/neutron-db-manage --config-file /etc/neutron/neutron.conf upgrade head",
                "2014-08-12 16:46:52 Traceback (most recent call last):",
                "2014-08-12 16:46:52   File \"/opt/stack/neutron/neutron/manager.py\", line 128, in _get_plugin_instance",
                "2014-08-12 16:46:52 ImportError: No module named vendor_plugin_core",
                "2014-08-12 16:46:52 ++ failed",
                "2014-08-12 16:46:52 ++ local r=1");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("neutron-backend-misconfigured");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void anImportErrorWhileInstallingIsPackagingButTheSameErrorFromAManageCommandIsNot() {
        Diagnosis install = diagnose(
                "+inc/python:setup_package:456              sudo -H pip install -c /opt/stack/requirements/upper-constraints.txt -e /opt/stack/vendor-plugin",
                "    ModuleNotFoundError: No module named 'pbr'",
                "+inc/python:setup_package:1               exit_trap",
                "Error on exit");
        assertThat(install.category()).as(install.toText()).isEqualTo("pip-install-failure");
        assertThat(install.summary()).contains("pbr"); // the import rule names the module; the family's fallback cannot
        Diagnosis manage = diagnose(
                "+lib/keystone:init_keystone:480           /usr/local/bin/keystone-manage db_sync",
                "ModuleNotFoundError: No module named 'oslo_vendor'",
                "+lib/keystone:init_keystone:1             exit_trap",
                "Error on exit");
        assertThat(manage.category()).as(manage.toText()).isNotEqualTo("pip-install-failure");
    }

    // Round 9: families from set K, each checked with a wording or a caller other than K's logs

    @Test
    void aServiceThatDidNotAnswerAProbeAProxyCanCatchIsNotGivenUnstackButOneThatBypassesProxiesIs() {
        // glance's own wget loop of 2012-2013 (lib/glance before 0aa8534): only the variable is emptied, /etc/wgetrc
        // still applies
        Diagnosis old = diagnose(
                "+ timeout 60 sh -c 'while ! http_proxy= wget -q -O- http://10.1.2.3:9292; do sleep 1; done'",
                "+ die 195 'g-api did not start'",
                "+ local exitcode=0",
                "[ERROR] /home/stack/devstack/lib/glance:195 g-api did not start");
        assertThat(old.category()).as(old.toText()).isEqualTo("service-start-failure");
        assertThat(old.confidence()).isEqualTo("medium");
        assertThat(old.nextBest()).isEqualTo("proxy-no-proxy-missing");
        assertThat(old.fixups()).isEmpty();
        Diagnosis bypassing = diagnose(
                "+ timeout 60 sh -c 'while ! wget --no-proxy -q -O- http://10.1.2.3:9292; do sleep 1; done'",
                "+ die 195 'g-api did not start'",
                "+ local exitcode=0",
                "[ERROR] /home/stack/devstack/lib/glance:195 g-api did not start");
        assertThat(bypassing.category()).as(bypassing.toText()).isEqualTo("service-start-failure");
        assertThat(bypassing.confidence()).isEqualTo("high");
        assertThat(bypassing.fixups()).containsExactly("unstack");
    }

    @Test
    void aBinaryBusyOrAVolumeGroupAlreadyThereIsStateFromAnEarlierRun() {
        Diagnosis busy = diagnose(
                "+ lib/etcd3:install_etcd3:117              :   sudo install -m 755 /opt/stack/etcd-v3.4.3/etcd /usr/local/bin/etcd",
                "install: cannot create regular file '/usr/local/bin/etcd': Text file busy",
                "+ lib/etcd3:install_etcd3:1                :   exit_trap",
                "Error on exit");
        assertThat(busy.category()).as(busy.toText()).isEqualTo("stale-services-from-previous-run");
        assertThat(busy.confidence()).isEqualTo("medium");
        assertThat(busy.fixups()).isEmpty();
        Diagnosis group = diagnose(
                "+ lib/lvm:_create_lvm_volume_group:71      :   sudo vgcreate stack-volumes-lvmdriver-1 /dev/loop0",
                "  Physical volume '/dev/loop0' is already in volume group 'stack-volumes-lvmdriver-1'",
                "  Unable to add physical volume '/dev/loop0' to volume group 'stack-volumes-lvmdriver-1'",
                "+ lib/lvm:_create_lvm_volume_group:1       :   exit_trap",
                "Error on exit");
        assertThat(group.category()).as(group.toText()).isEqualTo("stale-services-from-previous-run");
        assertThat(group.fixups()).isEmpty();
    }

    @Test
    void aKeyPromptAnsweredByTheClosedStdinIsAFailureButAPromptStillWaitingIsNot() {
        String[] before = {
                "+ /opt/stack/octavia/devstack/plugin.sh:create_amphora_ssh_key:330:   ssh-keygen -t rsa -f /etc/octavia/.ssh/octavia_ssh_key -N ''",
                "/etc/octavia/.ssh/octavia_ssh_key already exists."};
        Diagnosis failed = diagnose(concat(before, new String[]{"Overwrite (y/n)? ++ err_trap", "Error on exit"}));
        assertThat(failed.outcome()).isEqualTo(LogOutcome.FAILED);
        assertThat(failed.category()).as(failed.toText()).isEqualTo("stale-services-from-previous-run");
        assertThat(failed.fixups()).isEmpty();
        Diagnosis waiting = diagnose(concat(before, new String[]{"Overwrite (y/n)? "}));
        assertThat(waiting.outcome()).as(waiting.toText()).isEqualTo(LogOutcome.INCOMPLETE);
    }

    @Test
    void bashErrorsInANeutronProjectsDevstackFilesAreTheBackends() {
        Diagnosis diagnosis = diagnose(
                "+ functions-common:run_phase:1620         :   source /opt/stack/networking-sfc/devstack/plugin.sh stack post-config",
                "/opt/stack/networking-sfc/devstack/plugin.sh: line 27: ${NEUTRON_CORE_PLUGIN_CONF_FILE:sfc}: bad substitution",
                "+ ./stack.sh:exit_trap:551                :   echo 'Error on exit'",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("neutron-backend-misconfigured");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void aRepositoryTheServerDoesNotServeIsACloneFailureNotABlockedProtocol() {
        Diagnosis diagnosis = diagnose(
                "++ timeout -s SIGINT 0 git clone git://git.openstack.org/stackforge/old-name.git /opt/stack/old-name",
                "Cloning into '/opt/stack/old-name'...",
                "fatal: remote error: access denied or repository not exported: /stackforge/old-name.git",
                "[ERROR] /home/stack/devstack/functions-common:599 git call failed: [git clone git://git.openstack.org/stackforge/old-name.git /opt/stack/old-name]");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("git-clone-failure");
        assertThat(diagnosis.fixups()).doesNotContain("git-https");
        Diagnosis https = diagnose(
                "+ functions-common:git_timed:640          :   timeout -s SIGINT 0 git clone https://opendev.org/openstack/old-name.git /opt/stack/old-name",
                "Cloning into '/opt/stack/old-name'...",
                "remote: Repository not found.",
                "fatal: repository 'https://opendev.org/openstack/old-name.git/' not found",
                "[ERROR] /opt/stack/devstack/functions-common:640 git call failed: [git clone https://opendev.org/openstack/old-name.git /opt/stack/old-name]");
        assertThat(https.category()).as(https.toText()).isEqualTo("git-clone-failure");
        assertThat(https.fixups()).isEmpty();
    }

    @Test
    void anHtmlPagePipedToAShellIsADownloadThatGaveTheWrongThing() {
        Diagnosis diagnosis = diagnose(
                "+ lib/plugin:install_tool:40              :   curl -s https://example.org/install.sh",
                "+ lib/plugin:install_tool:40              :   sudo sh",
                "bash: line 1: syntax error near unexpected token `newline'",
                "bash: line 1: `<!DOCTYPE html>'",
                "+ lib/plugin:install_tool:1               :   exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("network-download-failure");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void yumsAndDnfsMissingPackageIsTheSourcesFamilyAtMedium() {
        Diagnosis diagnosis = diagnose(
                "+ functions-common:yum_install:1388       :   sudo http_proxy= https_proxy= no_proxy= yum install -y python-nose",
                "No package python-nose available.",
                "Error: Nothing to do",
                "+ functions-common:yum_install:1 exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isEqualTo("apt-source-failure");
        assertThat(diagnosis.confidence()).isEqualTo("medium");
        assertThat(diagnosis.fixups()).isEmpty();
    }

    @Test
    void aPathCommandLeftWithOnlyItsOptionsIsNotOwnership() {
        Diagnosis diagnosis = diagnose(
                "+/opt/stack/vendor/devstack/plugin.sh:source:20  touch",
                "touch: missing file operand",
                "Try 'touch --help' for more information.",
                "+/opt/stack/vendor/devstack/plugin.sh:source:1  exit_trap",
                "Error on exit");
        assertThat(diagnosis.category()).as(diagnosis.toText()).isNotEqualTo("directory-ownership-permission");
    }

    /**
     * Output no rule knows, printed inside a DevStack function whose own body does one family's work, names that
     * family at medium without a fix-up (a service start's function only as the next best) (round 11: the functions of each family across DevStack's eras, as data in
     * rules.yaml). Both PS4 forms (2016's and the current one with the `:   ` separator) and a plugin's frame.
     */
    @ParameterizedTest(name = "{0}:{1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            functions-common                      | reload_service                | sudo systemctl reload httpd      | unknown/service-start-failure
            /opt/stack/watcher/devstack/plugin.sh | start_watcher                 | sudo a2ensite watcher-api        | unknown/service-start-failure
            lib/tls                               | start_tls_proxy               | tail -f /dev/null                | unknown/service-start-failure
            functions                             | screen_it                     | screen -S stack -p key -X stuff  | unknown/service-start-failure
            lib/keystone                          | install_keystonemiddleware    | git_clone_by_name keystonemiddleware | pip-install-failure
            lib/libraries                         | _install_lib_from_source      | sudo chown -R stack /opt/stack/oslo.config | pip-install-failure
            lib/tempest                           | install_tempest_plugins       | ls /opt/stack/tempest            | pip-install-failure
            lib/etcd3                             | _install_etcd                 | tar xzvf etcd-v3.1.7-linux-amd64.tar.gz | network-download-failure
            tools/install_pip.sh                  | install_pip_tarball           | tar xzf pip-1.4.1.tar.gz         | network-download-failure
            lib/neutron                           | _get_net_id                   | openstack network show private   | neutron-backend-misconfigured
            """)
    void outputNoRuleKnowsInsideAFunctionOfAFamilyNamesThatFamilyAtMedium(String file, String function, String command,
                                                                          String family) {
        Diagnosis old = diagnose(
                "+" + file + ":" + function + ":120                " + command,
                "frobnicator: state 42 unexpected",
                "+" + file + ":" + function + ":1                  exit_trap",
                "+./stack.sh:exit_trap:492                  echo 'Error on exit'",
                "Error on exit");
        // "unknown/X": the family's functions alone name no category (service starts: often another family's
        // failure, see rules.yaml), only the next best
        String category = family.startsWith("unknown/") ? "unknown" : family;
        String nextBest = family.startsWith("unknown/") ? family.substring("unknown/".length()) : null;
        assertThat(old.category()).as(old.toText()).isEqualTo(category);
        assertThat(old.nextBest()).isEqualTo(nextBest);
        assertThat(old.confidence()).isEqualTo(nextBest == null ? "medium" : null);
        assertThat(old.fixups()).isEmpty();
        Diagnosis current = diagnose(
                "2026-03-01 10:00:00.000 | + " + file + ":" + function + ":120 :   " + command,
                "2026-03-01 10:00:00.100 | frobnicator: state 42 unexpected",
                "2026-03-01 10:00:00.200 | + " + file + ":" + function + ":1 :   exit_trap",
                "2026-03-01 10:00:00.300 | Error on exit");
        assertThat(current.category()).as(current.toText()).isEqualTo(category);
        assertThat(current.nextBest()).isEqualTo(nextBest);
        assertThat(current.fixups()).isEmpty();
    }

    @Test
    void aCopyWhoseSourceIsMissingIsNotOwnershipButACopyRefusedItsTargetIs() {
        Diagnosis missing = diagnose(
                "+/opt/stack/vitrage/devstack/plugin.sh:configure_vitrage:40  cp /opt/stack/vitrage/etc/vitrage/api-paste.ini /etc/vitrage/api-paste.ini",
                "cp: cannot stat '/opt/stack/vitrage/etc/vitrage/api-paste.ini': No such file or directory",
                "+/opt/stack/vitrage/devstack/plugin.sh:configure_vitrage:1  exit_trap",
                "Error on exit");
        assertThat(missing.category()).as(missing.toText()).isEqualTo("unknown");
        assertThat(missing.fixups()).isEmpty();
        Diagnosis installWording = diagnose(
                "2026-03-01 10:00:00.000 | + /opt/stack/aodh/devstack/plugin.sh:configure_aodh:80 :   install -m 644 aodh.conf /etc/aodh/aodh.conf",
                "2026-03-01 10:00:00.100 | install: cannot stat 'aodh.conf': No such file or directory",
                "2026-03-01 10:00:00.200 | + /opt/stack/aodh/devstack/plugin.sh:configure_aodh:1 :   exit_trap",
                "2026-03-01 10:00:00.300 | Error on exit");
        assertThat(installWording.category()).as(installWording.toText()).isEqualTo("unknown");
        Diagnosis refused = diagnose(
                "+/opt/stack/vitrage/devstack/plugin.sh:configure_vitrage:40  cp /opt/stack/vitrage/etc/vitrage/api-paste.ini /etc/vitrage/api-paste.ini",
                "cp: cannot create regular file '/etc/vitrage/api-paste.ini': Permission denied",
                "+/opt/stack/vitrage/devstack/plugin.sh:configure_vitrage:1  exit_trap",
                "Error on exit");
        assertThat(refused.category()).as(refused.toText()).isEqualTo("directory-ownership-permission");
    }
}
