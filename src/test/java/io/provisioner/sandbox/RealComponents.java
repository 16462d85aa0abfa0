package io.provisioner.sandbox;

import io.provisioner.lab.AptRepo;
import io.provisioner.lab.FreePort;
import io.provisioner.lab.GitDaemon;
import io.provisioner.lab.LabCommand;
import io.provisioner.lab.LabUser;
import io.provisioner.lab.MariaDbServer;
import io.provisioner.lab.OvsdbServer;
import io.provisioner.lab.Requirements;
import io.provisioner.lab.Tinyproxy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The real programs the simulator meets at the seed article's failure points, started once: MariaDB,
 * ovsdb-server, {@code git daemon}, tinyproxy and a local apt repository, plus the non-root user stack.sh
 * runs as. Each component can be put into the article's broken state and back into the healthy one; the
 * healthy state is the default.
 */
final class RealComponents implements AutoCloseable {
    static final String DATABASE_PASSWORD = "secretdb";
    static final String OLD_ROOT_PASSWORD = "oldroot2015";
    /** Everything the simulator's stack.sh installs, as empty packages, so a simulated install resolves. */
    static final List<String> PACKAGES = List.of("bridge-utils", "curl", "gettext", "git", "iputils-ping",
            "libffi-dev", "libssl-dev", "lsof", "python3-dev", "sudo", "tcpdump", "mysql-server", "mariadb-server",
            "openvswitch-switch");
    private static final String OVS_GROUP = "dspsimovs";

    final Path dir;
    final LabUser user;
    final MariaDbServer mariadb;
    final OvsdbServer ovs;
    final GitDaemon git;
    final Tinyproxy proxy;
    final AptRepo apt;
    private final List<AutoCloseable> started;

    private RealComponents(Path dir, LabUser user, MariaDbServer mariadb, OvsdbServer ovs, GitDaemon git,
                           Tinyproxy proxy, AptRepo apt, List<AutoCloseable> started) {
        this.dir = dir;
        this.user = user;
        this.mariadb = mariadb;
        this.ovs = ovs;
        this.git = git;
        this.proxy = proxy;
        this.apt = apt;
        this.started = started;
    }

    static void require() {
        Requirements.requireRoot("a non-root stack user and root-owned sockets");
        MariaDbServer.require();
        Tinyproxy.require();
        for (String program : List.of("/usr/bin/git", "/usr/bin/curl", "/usr/bin/ovs-vsctl", "/usr/bin/screen",
                "/usr/sbin/runuser", "/usr/bin/python3")) {
            Requirements.requireExecutable(program);
        }
    }

    /** Starts every component; if one fails, those already started are stopped again. */
    static RealComponents start(Path dir) throws Exception {
        require();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LabUser user = LabUser.ensure("dspsim");
            started.add(user);
            LabCommand.tryRun(List.of("groupadd", OVS_GROUP));
            started.add(() -> LabCommand.tryRun(List.of("groupdel", OVS_GROUP)));
            LabCommand.run("usermod", "-aG", OVS_GROUP, user.name());

            MariaDbServer mariadb = MariaDbServer.builder().rootPassword(DATABASE_PASSWORD).start();
            started.add(mariadb);

            OvsdbServer ovs = OvsdbServer.start(Files.createDirectories(dir.resolve("ovs")));
            started.add(ovs);

            Path gitBase = dir.resolve("git");
            GitRepos.withFile(gitBase.resolve("openstack/requirements.git"), "upper-constraints.txt",
                    "PyYAML===6.0.1\n", "Updated from generate-constraints");
            GitRepos.withFile(gitBase.resolve("openstack/keystone.git"), "README.rst", "keystone\n",
                    "Merge \"lab keystone\"");
            GitDaemon git = GitDaemon.start(gitBase);
            started.add(git);

            // the corporate proxy of the article: it serves the internet, not the lab network
            Path filter = Files.writeString(dir.resolve("proxy-filter"), "opendev\\.org\n");
            Tinyproxy proxy = Tinyproxy.builder().config("Filter \"" + filter + "\"").config("FilterDefaultDeny Yes")
                    .start();
            started.add(proxy);

            AptRepo apt = AptRepo.create(Files.createDirectories(dir.resolve("apt")), PACKAGES);
            Path aptRoot = dir.resolve("apt");
            Files.createDirectories(aptRoot.resolve("var/lib/dpkg"));
            Files.writeString(aptRoot.resolve("var/lib/dpkg/status"), "");
            // this machine's dpkg is never touched: a private status file, and installs are simulated
            Files.writeString(apt.aptDir().resolve("apt.conf"), "Dir::State::status \""
                    + aptRoot.resolve("var/lib/dpkg/status") + "\";\nAPT::Get::Simulate \"true\";\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(apt.aptDir().resolve("sources.list"), "deb [trusted=yes] " + apt.uri() + " stable main\n");
            LabCommand.run("chown", "-R", user.name(), aptRoot.toString());

            RealComponents lab = new RealComponents(dir, user, mariadb, ovs, git, proxy, apt, started);
            lab.ovsHealthy();
            return lab;
        } catch (Exception | AssertionError e) {
            closeAll(started);
            throw e;
        }
    }

    /** {@code git://127.0.0.1:PORT}: the git daemon serving openstack/requirements and openstack/keystone. */
    String gitBase() {
        return git.url();
    }

    /** A git:// base where nothing listens, as behind a firewall that rejects port 9418. */
    static String unreachableGitBase() {
        return "git://127.0.0.1:" + FreePort.any();
    }

    String aptConfig() {
        return apt.aptDir().resolve("apt.conf").toString();
    }

    /** A sources.list.d entry for a repository that is gone (no Release file), as a dead PPA. */
    Path addDeadAptSource() throws Exception {
        Path list = apt.aptDir().resolve("sources.list.d/ondrej-php.list");
        Files.writeString(list, "deb file:" + dir.resolve("apt/gone") + " trusty main\n");
        return list;
    }

    void removeDeadAptSource() throws Exception {
        Files.deleteIfExists(apt.aptDir().resolve("sources.list.d/ondrej-php.list"));
    }

    /** MySQL installed earlier with another root password than DATABASE_PASSWORD (no root@'%' yet). */
    void mysqlRootPasswordDiffers() {
        mariadb.runAsRoot("DROP USER IF EXISTS 'root'@'%'");
        mariadb.setRootPassword(OLD_ROOT_PASSWORD);
    }

    void mysqlHealthy() {
        mariadb.setRootPassword(DATABASE_PASSWORD);
    }

    /** Debian's default: run directory and socket belong to root:root, the run directory is 0750. */
    void ovsRootOnly() throws Exception {
        LabCommand.run("chgrp", "root", ovs.runDir().toString(), ovs.socket().toString());
        Files.setPosixFilePermissions(ovs.runDir(), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(ovs.socket(), PosixFilePermissions.fromString("rwxr-x---"));
    }

    /** What fix-up ovs-socket-permissions leaves: the stack user's group may use the socket (never 777). */
    void ovsHealthy() throws Exception {
        LabCommand.run("chgrp", OVS_GROUP, ovs.runDir().toString(), ovs.socket().toString());
        Files.setPosixFilePermissions(ovs.runDir(), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(ovs.socket(), PosixFilePermissions.fromString("rwxrwx---"));
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // keep stopping the rest
            }
        }
    }
}
