package io.provisioner.sandbox;

import io.provisioner.diagnose.Diagnoser;
import io.provisioner.diagnose.Diagnosis;
import io.provisioner.diagnose.LogOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator on sandbox hosts, over SSH: a clean host succeeds with DevStack's closing output, each
 * fault alone fails with DevStack's failure output and the failing command's real message.
 */
class StackSimulatorTest {
    /** reference/devstack-internals.md "Locating the failing step" */
    static final Pattern FRAME = Pattern.compile("^(?:\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\| )?"
            + "\\++\\s*(\\S+?):(\\S+?):(\\d+)\\s", Pattern.MULTILINE);
    static final Pattern STAMPED = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\| ",
            Pattern.MULTILINE);

    static SandboxLab lab(String era, String... faults) throws Exception {
        return SandboxLab.start(new SandboxOptions(1, era, Set.of(faults), null, false));
    }

    @Test
    void cleanCurrentHostSucceedsWithTimingTableAndSummary() throws Exception {
        try (SandboxLab lab = lab("current", "none");
             SimulatedHost host = new SimulatedHost(lab, lab.hosts().get(0)).prepare(SimulatedHost.LOCAL_CONF)) {
            SimulatedHost.Run run = host.stack();
            String ip = host.host.hostIp();
            assertThat(run.exit()).as(run.log()).isZero();
            assertThat(run.log()).contains("DevStack Component Timing", " (times are in seconds)",
                    "Unaccounted time", "This is your host IP address: " + ip,
                    "Horizon is now available at http://" + ip + "/dashboard",
                    "Keystone is serving at http://" + ip + "/identity/", "The default users are: admin and demo",
                    "The password: secretadmin", "Services are running under systemd unit files.")
                    .doesNotContain("[ERROR]", "Error on exit");
            assertThat(run.log()).containsPattern("(?m)^\\d{4}-.* \\| Total runtime +\\d+$");
            assertThat(STAMPED.matcher(run.log()).results().count()).isGreaterThan(100);
            assertThat(FRAME.matcher(run.log()).results().map(m -> m.group(1)))
                    .contains("./stack.sh", "functions-common", "lib/databases/mysql", "lib/keystone");
            assertThat(run.summary()).containsPattern("stack.sh completed in \\d+ seconds\\.");
            assertThat(run.stackenv()).startsWith("# ").contains("HOST_IP=" + ip, "SERVICE_HOST=" + ip,
                    "KEYSTONE_SERVICE_URI=http://" + ip + "/identity");
            // post-config from local.conf reached keystone.conf, as iniset would write it
            assertThat(SimulatedHost.read(host.host.root().resolve("etc/keystone/keystone.conf")))
                    .contains("[DEFAULT]\ndebug = True");
            // the endpoints are up for a health probe, and the password file never holds it on a command line
            HttpResponse<String> keystone = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + ip + "/identity/v3/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(keystone.statusCode()).isEqualTo(200);
            assertThat(keystone.body()).contains("\"id\": \"v3.14\"");

            // unstack stops the units: the endpoint answers 503 as Apache does for a dead backend
            assertThat(host.run("./unstack.sh").exit()).isZero();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + ip + "/identity/v3/")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(503);
        }
    }

    @Test
    void clean2016HostSucceedsWithTheOldTimingTable() throws Exception {
        try (SandboxLab lab = lab("2016", "none");
             SimulatedHost host = new SimulatedHost(lab, lab.hosts().get(0)).prepare(SimulatedHost.LOCAL_CONF)) {
            SimulatedHost.Run run = host.stack();
            String ip = host.host.hostIp();
            assertThat(run.exit()).as(run.log()).isZero();
            // 2016: Total runtime first, no "(times are in seconds)", keystone on :5000
            assertThat(run.log()).containsPattern("DevStack Component Timing\\n.*=========================\\n"
                    + ".*Total runtime +\\d+\\n").doesNotContain("(times are in seconds)")
                    .contains("Keystone is serving at http://" + ip + ":5000/", "The password: secretadmin")
                    .doesNotContain("Services are running under systemd unit files.");
            assertThat(run.summary()).containsPattern("stack.sh completed in \\d+ seconds\\.");
            // a finished 2016 run leaves its screen session: running again without unstack is refused
            SimulatedHost.Run again = host.stack();
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.console()).contains("You are already running a stack.sh session.",
                    "To destroy this session, type './unstack.sh'.");
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                // the seed's other eras: git:// in a current tree, the 2016 screen session, OVS in 2016
                Arguments.of("git-protocol", "current", List.of("fatal: unable to connect to git.openstack.org:",
                        "git call failed: [git clone git://git.openstack.org/openstack/requirements.git "), true,
                        "git-protocol-blocked", List.of("git-https")),
                Arguments.of("stale-run", "2016", List.of("You are already running a stack.sh session.",
                        "To destroy this session, type './unstack.sh'."), false, "stack-already-running", List.of("unstack")),
                Arguments.of("ovs-socket", "2016", List.of("lib/neutron:_neutron_ovs_base_setup_bridge:",
                        "db.sock: database connection failed (Permission denied)", "Error on exit"), false,
                        "ovs-db-sock-permission", List.of("ovs-socket-permissions")),
                Arguments.of("git-protocol", "2016", List.of("fatal: unable to connect to git.openstack.org:",
                        "errno=Connection timed out", "[Call Trace]", "functions-common:git_timed:",
                        "git call failed: [git clone git://git.openstack.org/openstack/requirements.git ",
                        "Error on exit", "World dumping... see "), true,
                        "git-protocol-blocked", List.of("git-https")),
                Arguments.of("stale-run", "current", List.of(
                        "Job for devstack@keystone.service failed because the control process exited with error code.",
                        "Error on exit"), false,
                        "service-start-failure", List.of("unstack")),
                Arguments.of("apt-source", "current", List.of(
                        "E: The repository 'http://ppa.launchpad.net/ondrej/php/ubuntu trusty Release' does not have a Release file.",
                        "Failed to update apt repos, we're dead now", "[Call Trace]"), true,
                        "apt-source-failure", List.of("apt-sources")),
                Arguments.of("apt-source", "2016", List.of(
                        "W: Failed to fetch http://ppa.launchpad.net/ondrej/php/ubuntu/dists/trusty/main/binary-amd64/Packages  404  Not Found",
                        "E: Some index files failed to download.", "Failed to update apt repos, we're dead now"), true,
                        "apt-source-failure", List.of("apt-sources")),
                Arguments.of("mysql-root", "2016", List.of("lib/databases/mysql:configure_database_mysql:",
                        "GRANT ALL PRIVILEGES ON *.* TO '\\''root'\\''@'\\''%'\\'' identified by",
                        "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)",
                        "Error on exit"), false,
                        "mysql-root-access-denied", List.of("mysql-root-password")),
                Arguments.of("mysql-root", "current", List.of("CREATE USER IF NOT EXISTS",
                        "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)",
                        "Error on exit"), false,
                        "mysql-root-access-denied", List.of("mysql-root-password")),
                Arguments.of("ovs-socket", "current", List.of("lib/neutron:_neutron_ovs_base_setup_bridge:",
                        "|00001|reconnect|WARN|unix:", "db.sock: database connection failed (Permission denied)",
                        "Error on exit"), false,
                        "ovs-db-sock-permission", List.of("ovs-socket-permissions")),
                Arguments.of("no-proxy", "2016", List.of("openstack project show admin -f value -c id",
                        "Discovering versions from the identity service failed when creating the password plugin.",
                        "Could not determine a suitable URL for the plugin", "Error on exit"), false,
                        "proxy-no-proxy-missing", List.of("no-proxy")),
                Arguments.of("no-proxy", "current", List.of(
                        "Could not find versioned identity endpoints when attempting to authenticate.",
                        "Error on exit"), false,
                        "proxy-no-proxy-missing", List.of("no-proxy")),
                // DevStack's own "chown -R $STACK_USER $DEST" comes after local.conf was read: no passwords
                Arguments.of("dir-ownership", "current", List.of(".localrc.auto: Permission denied",
                        "ENTER A PASSWORD TO USE FOR THE DATABASE.", "Error on exit"), false,
                        "directory-ownership-permission", List.of("stack-dir-ownership")),
                Arguments.of("pip-distutils", "current", List.of("ERROR: Cannot uninstall 'PyYAML'. It is a "
                        + "distutils installed project and thus we cannot accurately determine which files belong "
                        + "to it which would lead to only a partial uninstall.", "Error on exit"), false,
                        "pip-distutils-uninstall", List.of("pip-distutils")),
                Arguments.of("apt-lock", "current", List.of(
                        "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process",
                        "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?",
                        "Error on exit"), false,
                        "apt-lock-held", List.of("apt-lock")),
                Arguments.of("service-start", "current", List.of("g-api did not start", "[Call Trace]"), true,
                        "service-start-failure", List.of("unstack")),
                Arguments.of("disk-full", "current", List.of(
                        "E: You don't have enough free space in /var/cache/apt/archives/.", "Error on exit"), false,
                        "disk-full", List.of()));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("faults")
    void eachFaultAloneFailsTheWayDevStackDoes(String fault, String era, List<String> expected, boolean dies,
                                               String category, List<String> fixups) throws Exception {
        try (SandboxLab lab = lab(era, fault);
             SimulatedHost host = new SimulatedHost(lab, lab.hosts().get(0)).prepare(SimulatedHost.LOCAL_CONF)) {
            SimulatedHost.Run run = host.stack();
            assertThat(run.exit()).as(run.all()).isNotZero();
            assertThat(run.all()).contains(expected).doesNotContain("DevStack Component Timing");
            if (dies) {
                assertThat(run.all()).containsPattern("(?m)\\[ERROR\\] /\\S+:\\d+ \\S");
            }
            assertThat(FRAME.matcher(run.all()).find()).isTrue();
            // the project's own diagnoser reads the console (what the deploy copies) back to the fault
            Diagnosis d = Diagnoser.builtin().diagnose(new java.io.StringReader(run.console()));
            assertThat(d.outcome()).as(d.toText()).isEqualTo(LogOutcome.FAILED);
            assertThat(d.category()).as(d.toText()).isEqualTo(category);
            assertThat(d.fixups()).as(d.toText()).isEqualTo(fixups);
        }
    }

    @Test
    void refusesRootAndStopsOnAMissingPasswordInsteadOfWaiting() throws Exception {
        try (SandboxLab lab = lab("current", "none");
             SimulatedHost host = new SimulatedHost(lab, lab.hosts().get(0))
                     .prepare(SimulatedHost.LOCAL_CONF.replace("DATABASE_PASSWORD=secretdb\n", ""))) {
            SimulatedHost.Run asRoot = host.run("sudo ./stack.sh");
            assertThat(asRoot.exit()).isEqualTo(1);
            assertThat(asRoot.console()).contains("DevStack should be run as a user with sudo permissions, \nnot root.");

            SimulatedHost.Run noPassword = host.stack();
            assertThat(noPassword.exit()).isNotZero();
            assertThat(noPassword.log()).contains("ENTER A PASSWORD TO USE FOR THE DATABASE.", "Enter a password now:",
                    "Error on exit");
        }
    }

    @Test
    void refusesAnUntestedDistroUnlessForced() throws Exception {
        try (SandboxLab lab = lab("current", "none");
             SimulatedHost host = new SimulatedHost(lab, lab.hosts().get(0)).prepare(SimulatedHost.LOCAL_CONF)) {
            java.nio.file.Files.writeString(host.host.root().resolve("etc/os-release"),
                    "NAME=\"Ubuntu\"\nVERSION_CODENAME=bionic\nID=ubuntu\n");
            SimulatedHost.Run run = host.stack();
            assertThat(run.exit()).isNotZero();
            assertThat(run.all()).contains("WARNING: this script has not been tested on bionic",
                    "If you wish to run this script anyway run with FORCE=yes", "[Call Trace]");
        }
    }
}
