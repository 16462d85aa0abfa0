package io.provisioner.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed article on one 2016 host: every round fails as the article's did, and the state change a
 * person (or the matching fix-up) makes clears exactly that failure, until stack.sh succeeds.
 */
class SeedFaultRemediesTest {
    @Test
    void eachSeedFailureClearsWithItsRealRemedyUntilStackSucceeds() throws Exception {
        long started = System.nanoTime();
        try (SandboxLab lab = SandboxLab.start(new SandboxOptions(1, "2016", Set.of("seed"), null, false));
             SimulatedHost host = new SimulatedHost(lab, lab.hosts().get(0)).prepare(SimulatedHost.LOCAL_CONF)) {
            Path root = host.host.root();

            // round 1: a previous session is still there
            SimulatedHost.Run run = host.stack();
            assertThat(run.console()).contains("You are already running a stack.sh session.");

            // round 2: git:// is blocked; an export at the end of stackrc comes too late for the repo URLs
            run = rerun(host);
            assertThat(run.all()).contains("fatal: unable to connect to git.openstack.org:",
                    "git call failed: [git clone git://git.openstack.org/openstack/requirements.git");
            Files.writeString(host.dir.resolve("stackrc"), "\nexport GIT_BASE=https://git.openstack.org\n",
                    java.nio.file.StandardOpenOption.APPEND);
            run = rerun(host);
            assertThat(run.all()).contains("git call failed: [git clone git://git.openstack.org/");
            assertThat(host.sh("git config --global url.https://git.openstack.org/.insteadOf git://git.openstack.org/")
                    .exit()).isZero();

            // round 3: a dead apt source; comment out only that line, keeping a backup
            run = rerun(host);
            assertThat(run.all()).contains("W: Failed to fetch http://ppa.launchpad.net/ondrej/php/ubuntu/dists/trusty",
                    "Failed to update apt repos, we're dead now");
            Path list = root.resolve("etc/apt/sources.list.d/ondrej-php.list");
            assertThat(host.sh("sudo sed -i.provisioner.bak 's|^deb http://ppa.launchpad.net/ondrej|# &|' " + list)
                    .exit()).isZero();
            assertThat(list.resolveSibling("ondrej-php.list.provisioner.bak")).exists();

            // round 4: MySQL's root password differs; reset it through the maintenance account
            run = rerun(host);
            assertThat(run.all()).contains(
                    "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)");
            assertThat(host.sh("echo \"SET PASSWORD FOR 'root'@'localhost' = PASSWORD('secretdb');\" | sudo mysql "
                    + "--defaults-file=" + host.host.paths().mysqlMaintenanceCnf()).exit()).isZero();
            assertThat(host.sh("mysql -uroot -psecretdb -h127.0.0.1 -e 'SELECT VERSION()' -sN").out())
                    .startsWith("5.5.49");

            // round 5: the OVS socket refuses the stack user; group access, never 777
            run = rerun(host);
            assertThat(run.all()).contains("database connection failed (Permission denied)");
            String sock = host.host.paths().ovsDbSock();
            assertThat(host.sh("sudo usermod -aG openvswitch stack && sudo chgrp openvswitch " + sock
                    + " && sudo chmod g+rw " + sock).exit()).isZero();
            assertThat(host.sh("ovs-vsctl show").exit()).isZero();

            // round 6: the proxy swallows the request to HOST_IP; no_proxy gets HOST_IP from .stackenv
            run = rerun(host);
            assertThat(run.all()).contains("Could not determine a suitable URL for the plugin");
            Matcher ip = Pattern.compile("(?m)^HOST_IP=(\\S+)$").matcher(run.stackenv());
            assertThat(ip.find()).isTrue();
            assertThat(ip.group(1)).isEqualTo(host.host.hostIp());
            Files.writeString(host.dir.resolve("stackrc"), "\n# BEGIN devstack-provisioner overlay\n"
                    + "export http_proxy=" + HostRootBuilder.CORPORATE_PROXY + "\n"
                    + "export no_proxy=localhost,127.0.0.1,::1," + ip.group(1) + "\n"
                    + "export NO_PROXY=$no_proxy\n# END devstack-provisioner overlay\n",
                    java.nio.file.StandardOpenOption.APPEND);

            run = rerun(host);
            assertThat(run.exit()).as(run.all()).isZero();
            assertThat(run.log()).contains("DevStack Component Timing", "Keystone is serving at http://"
                    + host.host.hostIp() + ":5000/");
        }
        System.out.printf("seed remedies: %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** As the provisioner re-runs: unstack first (a 2016 run that got past the database leaves a session). */
    private static SimulatedHost.Run rerun(SimulatedHost host) throws Exception {
        assertThat(host.run("./unstack.sh").exit()).isZero();
        return host.stack();
    }
}
