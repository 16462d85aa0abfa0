package io.provisioner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lays out one sandbox host's root: users and groups, os-release, apt sources, the OVS socket, the git
 * mirrors, the owners the stand-ins consult, and each fault as the host state that causes it. The file
 * formats are the stand-ins' (see standins/README.md).
 */
final class HostRootBuilder {
    static final String STACK_USER = "stack";
    static final String CORPORATE_PROXY = "http://10.10.126.187:3129";
    static final String DEAD_SOURCE = "http://ppa.launchpad.net/ondrej/php/ubuntu";
    static final String FAULT_ROOT_PASSWORD = "oldroot2015";

    private final Path root;
    private final String era;
    private final Set<SandboxFault> faults;
    private final String hostIp;
    private final List<String> owners = new ArrayList<>();

    HostRootBuilder(Path root, String era, Set<SandboxFault> faults, String hostIp) {
        this.root = root;
        this.era = era;
        this.faults = faults;
        this.hostIp = hostIp;
    }

    private boolean has(SandboxFault fault) {
        return faults.contains(fault);
    }

    private boolean old() {
        return "2016".equals(era);
    }

    private Path write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private Path unixSocket(String path) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try (java.nio.channels.ServerSocketChannel ch =
                     java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.bind(java.net.UnixDomainSocketAddress.of(file));
        }
        return file;
    }

    private void owner(String path, String user, String group) {
        owners.add(root.resolve(path).normalize() + "\t" + user + "\t" + group);
    }

    /**
     * Builds the root; {@code sharedGit} holds the OpenStack mirrors, linked into srv/git; {@code devstackDir}
     * is where the checkout belongs, as a path on the host (its parent is made and given to the stack user).
     */
    void build(Path sharedGit, String devstackRepo, String devstackDir) throws IOException {
        String checkout = devstackDir.substring(1);
        for (String dir : List.of("etc/sim/network", "etc/apt/sources.list.d", "etc/systemd/system", "etc/tmpfiles.d", "opt/stack",
                "tmp", "srv/git", "var/run/openvswitch", "var/lib/dpkg", "var/lib/openvswitch",
                "var/cache/apt/archives", "run/sim/services", "run/sim/stale", "usr/lib/python3/dist-packages",
                "var/tmp/devstack-provisioner", "etc/ssh")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createSymbolicLink(root.resolve("srv/git/openstack"), sharedGit.resolve("openstack"));
        write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"
                + STACK_USER + ":x:1001:1001::/opt/stack:/bin/bash\n");
        String ovsMembers = has(SandboxFault.OVS_SOCKET) ? "" : STACK_USER;
        write("etc/group", "root:x:0:\nsudo:x:27:" + STACK_USER + "\nopenvswitch:x:998:" + ovsMembers + "\n"
                + STACK_USER + ":x:1001:\n");
        write("etc/os-release", old()
                ? "NAME=\"Ubuntu\"\nVERSION=\"14.04.4 LTS, Trusty Tahr\"\nID=ubuntu\nVERSION_ID=\"14.04\"\n"
                  + "VERSION_CODENAME=trusty\n"
                : "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n"
                  + "VERSION_CODENAME=bookworm\nID=debian\n");
        write("etc/sim/host-ip", hostIp + "\n");
        write("etc/hostname", "sandbox\n");
        write("etc/apt/sources.list", old()
                ? "deb http://archive.ubuntu.com/ubuntu trusty main restricted universe\n"
                  + "deb http://archive.ubuntu.com/ubuntu trusty-updates main restricted universe\n"
                : "deb http://deb.debian.org/debian bookworm main\n"
                  + "deb http://deb.debian.org/debian-security bookworm-security main\n");
        write("etc/sim/apt-dead", "");
        write("var/lib/dpkg/sim-installed", "openvswitch-switch\n");
        write("etc/gitconfig", "");
        StringBuilder environment = new StringBuilder("PATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n");
        // the OVS socket: a real unix socket node (so test -S and chmod behave as on a host); access is
        // decided by the ovs-vsctl stand-in from owner/group/mode, as the kernel would
        Path sock = unixSocket("var/run/openvswitch/db.sock");
        if (has(SandboxFault.OVS_SOCKET)) {
            Files.setPosixFilePermissions(sock, PosixFilePermissions.fromString("rwxr-x---"));
            owner("var/run/openvswitch/db.sock", "root", "root");
        } else {
            Files.setPosixFilePermissions(sock, PosixFilePermissions.fromString("rwxrwx---"));
            owner("var/run/openvswitch/db.sock", "root", "openvswitch");
        }
        owner("opt/stack", STACK_USER, STACK_USER);
        Path checkoutParent = root.resolve(checkout).getParent();
        if (!Files.isDirectory(checkoutParent)) {
            Files.createDirectories(checkoutParent);
            owner(root.relativize(checkoutParent).toString(), STACK_USER, STACK_USER);
        }
        owner("tmp", STACK_USER, STACK_USER);
        owner("var/tmp/devstack-provisioner", STACK_USER, STACK_USER);

        if (has(SandboxFault.GIT_PROTOCOL)) {
            write("etc/sim/network/git-blocked", "git:// (port 9418) is blocked; only the HTTP proxy gets out\n");
        }
        if (has(SandboxFault.STALE_RUN)) {
            if (old()) {
                write("run/screen/S-" + STACK_USER + "/24511.stack", "");
                write("run/sim/services/key", "");
            } else {
                write("run/sim/services/keystone", "");
                write("run/sim/stale/keystone", "uwsgi keystone-uwsgi-public.ini (pid 24511) from the previous run\n");
                write("etc/systemd/system/devstack@keystone.service", "[Unit]\nDescription=Devstack devstack@keystone.service\n");
            }
        }
        if (has(SandboxFault.APT_SOURCE)) {
            write("etc/apt/sources.list.d/ondrej-php.list", "deb " + DEAD_SOURCE + " trusty main\n");
            write("etc/sim/apt-dead", DEAD_SOURCE + "\n");
        }
        if (has(SandboxFault.MYSQL_ROOT)) {
            installMysql();
        }
        if (has(SandboxFault.NO_PROXY)) {
            environment.append("http_proxy=").append(CORPORATE_PROXY).append('\n')
                    .append("https_proxy=").append(CORPORATE_PROXY).append('\n')
                    .append("no_proxy=localhost,127.0.0.1\n");
        }
        if (has(SandboxFault.DIR_OWNERSHIP)) {
            // the checkout exists (cloned by another account, as in the article) and belongs to root
            LocalProcess.run(root, java.util.Map.of("GIT_CONFIG_NOSYSTEM", "1"), "git", "clone", "-q", devstackRepo,
                    root.resolve(checkout).toString());
            owner(checkout, "root", "root");
        }
        if (has(SandboxFault.PIP_DISTUTILS)) {
            write("usr/lib/python3/dist-packages/PyYAML-3.10.egg-info",
                    "Metadata-Version: 1.1\nName: PyYAML\nVersion: 3.10\n");
            Files.writeString(root.resolve("var/lib/dpkg/sim-installed"), "python3-yaml\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        if (has(SandboxFault.SERVICE_START)) {
            write("etc/sim/broken-units", "devstack@g-api.service\n");
        }
        if (has(SandboxFault.DISK_FULL)) {
            write("var/cache/apt/archives/linux-image-4.4.0-21-generic_4.4.0-21.37_amd64.deb", "ballast\n");
        }
        write("etc/environment", environment.toString());
        write("etc/sim/owners", String.join("\n", owners) + "\n");
    }

    /** MySQL already installed (as on the article's host) with a root password DevStack does not know. */
    private void installMysql() throws IOException {
        String version = old() ? "5.5.49-0ubuntu0.14.04.1" : "10.11.6-MariaDB-0+deb12u1";
        byte[] random = new byte[8];
        new java.security.SecureRandom().nextBytes(random);
        String maint = java.util.HexFormat.of().formatHex(random);
        write("var/lib/mysql/sim-server.json", "{\"version\": \"" + version + "\", \"accounts\": {"
                + "\"root@localhost\": {\"plugin\": \"native\", \"password\": \"" + FAULT_ROOT_PASSWORD + "\"}, "
                + "\"debian-sys-maint@localhost\": {\"plugin\": \"native\", \"password\": \"" + maint + "\"}}, "
                + "\"pending\": {}, \"databases\": []}\n");
        Path cnf = write("etc/mysql/debian.cnf", "# Automatically generated for Debian scripts. DO NOT TOUCH!\n"
                + "[client]\nhost     = localhost\nuser     = debian-sys-maint\npassword = " + maint + "\n"
                + "socket   = /var/run/mysqld/mysqld.sock\n[mysql_upgrade]\nhost     = localhost\n"
                + "user     = debian-sys-maint\npassword = " + maint + "\nsocket   = /var/run/mysqld/mysqld.sock\n"
                + "basedir  = /usr\n");
        Files.setPosixFilePermissions(cnf, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(root.resolve("var/lib/dpkg/sim-installed"),
                (old() ? "mysql-server" : "mariadb-server") + "\n", java.nio.file.StandardOpenOption.APPEND);
        write("run/sim/services/mysql", "");
    }
}
