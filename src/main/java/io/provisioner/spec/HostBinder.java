package io.provisioner.spec;

import org.yaml.snakeyaml.nodes.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one host's mapping (defaults already merged in) into a {@link Host}, recording every problem.
 * Values that fail a rule are replaced by a harmless placeholder so reading can go on; the loader throws
 * at the end when anything was recorded.
 */
final class HostBinder {
    static final List<String> HOST_KEYS = List.of("name", "address", "role", "host_ip", "ssh", "devstack", "proxy",
            "git_base", "passwords", "services", "plugins", "localrc", "local_conf", "fixups", "retries", "timeouts",
            "paths");
    static final List<String> DEFAULT_KEYS = HOST_KEYS.subList(4, HOST_KEYS.size());
    static final List<String> SSH_KEYS = List.of("user", "port", "identity", "known_hosts", "host_keys", "jump",
            "passphrase");
    static final List<String> DEVSTACK_KEYS = List.of("repo", "ref", "dir");
    static final List<String> PROXY_KEYS = List.of("http", "https", "no_proxy");
    static final List<String> PASSWORD_KEYS = List.of("admin", "database", "rabbit", "service");
    static final List<String> TIMEOUT_KEYS = List.of("stack", "command", "connect");
    static final List<String> PATH_KEYS = List.of("mysql_maintenance_cnf", "ovs_db_sock", "log_dir", "state_dir",
            "apt_dir", "systemd_dir", "tmpfiles_dir");
    static final List<String> ROLES = List.of("controller", "compute");
    static final List<String> HOST_KEY_POLICIES = List.of("strict", "accept-new", "insecure");

    private final Problems problems;
    private final SecretResolver secrets;
    private final Map<String, String> env;
    private final DevstackConfigBinder config;

    HostBinder(Problems problems, SecretResolver secrets, Map<String, String> env) {
        this.problems = problems;
        this.secrets = secrets;
        this.env = env;
        this.config = new DevstackConfigBinder(problems);
    }

    Host bind(MappingReader m, Role fallbackRole) {
        String name = m.text("name");
        if (name == null) {
            if (m.present("name") == null) {
                m.missing("name", "name: lab1");
            }
            name = "?";
        } else if (!ValueRules.HOST_NAME.matcher(name).matches()) {
            problems.at(m.value("name"), "host name '" + name + "' must be letters, digits, '.' and '-' (at most 63); rename it");
        }
        String address = m.text("address");
        if (address == null) {
            if (m.present("address") == null) {
                m.missing("address", "address: 10.0.0.11 (or 'local')");
            }
        } else {
            report(m.value("address"), ValueRules.address(address));
        }
        Role role = fallbackRole;
        String roleText = m.text("role");
        if (roleText != null) {
            if (ROLES.contains(roleText)) {
                role = Role.valueOf(roleText.toUpperCase(java.util.Locale.ROOT));
            } else {
                problems.at(m.value("role"), "unknown role '" + roleText + "'; " + DidYouMean.hint(roleText, ROLES));
            }
        }
        String hostIp = m.text("host_ip");
        if (hostIp != null && !ValueRules.isIpLiteral(hostIp)) {
            problems.at(m.value("host_ip"), "host_ip '" + hostIp + "' is not an IP address; DevStack's HOST_IP must be one");
        }
        if (hostIp == null && ValueRules.isIpLiteral(address)) {
            hostIp = address;
        }
        String gitBase = m.text("git_base", "auto");
        if (!"auto".equals(gitBase)) {
            report(m.value("git_base"), ValueRules.url(gitBase, "git_base", ValueRules.GIT_SCHEMES));
        }
        return new Host(name, address, role, hostIp, ssh(m.mapping("ssh", SSH_KEYS)),
                devstack(m.mapping("devstack", DEVSTACK_KEYS)), proxy(m.mapping("proxy", PROXY_KEYS)), gitBase,
                passwords(m), config.services(m.mapping("services", DevstackConfigBinder.SERVICES_KEYS)), config.plugins(m),
                config.localrc(m), config.localConf(m), fixups(m), m.integer("retries", 2, 0, 20), timeouts(m.mapping("timeouts", TIMEOUT_KEYS)),
                paths(m.mapping("paths", PATH_KEYS)));
    }

    private void report(Node at, String problem) {
        if (problem != null) {
            problems.at(at, problem);
        }
    }

    private SshSettings ssh(MappingReader m) {
        if (m == null) {
            return new SshSettings("stack", 22, home("~/.ssh/id_ed25519"), null, home("~/.ssh/known_hosts"),
                    HostKeyPolicy.ACCEPT_NEW, null, Set.copyOf(SshSettings.DEFAULTABLE));
        }
        String user = m.text("user", "stack");
        if (!ValueRules.USER.matcher(user).matches()) {
            problems.at(m.value("user"), "ssh.user '" + user + "' is not a valid user name; use lower-case letters, digits, '_', '-'");
        }
        String policy = m.text("host_keys", "accept-new");
        HostKeyPolicy hostKeys = HostKeyPolicy.ACCEPT_NEW;
        if (HOST_KEY_POLICIES.contains(policy)) {
            hostKeys = HostKeyPolicy.fromLabel(policy);
        } else {
            problems.at(m.value("host_keys"), "unknown ssh.host_keys '" + policy + "'; " + DidYouMean.hint(policy, HOST_KEY_POLICIES));
        }
        String jump = m.text("jump");
        if (jump != null) {
            var jm = ValueRules.JUMP.matcher(jump);
            if (!jm.matches() || jm.group(4) != null && (Integer.parseInt(jm.group(4)) < 1 || Integer.parseInt(jm.group(4)) > 65535)) {
                problems.at(m.value("jump"), "ssh.jump '" + jump + "' must be [user@]host[:port] with a port from 1 to 65535; fix it");
            }
        }
        Secret passphrase = null;
        String ref = m.text("passphrase");
        if (ref != null) {
            passphrase = secret(m.value("passphrase"), ref);
        }
        Set<String> defaulted = new HashSet<>();
        for (String field : SshSettings.DEFAULTABLE) {
            if (m.present(field) == null) {
                defaulted.add(field);
            }
        }
        return new SshSettings(user, m.integer("port", 22, 1, 65535), home(m.text("identity", "~/.ssh/id_ed25519")),
                passphrase, home(m.text("known_hosts", "~/.ssh/known_hosts")), hostKeys, jump, defaulted);
    }

    private String home(String path) {
        return SecretResolver.expandHomeText(path, env);
    }

    private DevstackSource devstack(MappingReader m) {
        String repo = "https://opendev.org/openstack/devstack";
        String ref = "master";
        String dir = "/opt/stack/devstack";
        if (m != null) {
            repo = m.text("repo", repo);
            report(m.value("repo"), m.present("repo") == null ? null : ValueRules.url(repo, "devstack.repo", ValueRules.GIT_SCHEMES));
            ref = m.text("ref", ref);
            if (!ValueRules.GIT_REF.matcher(ref).matches()) {
                problems.at(m.value("ref"), "devstack.ref '" + ref + "' is not a branch, tag or commit name; fix it");
            }
            dir = m.text("dir", dir);
            absolute(m, "dir", dir, "devstack.dir");
        }
        return new DevstackSource(repo, ref, dir);
    }

    private void absolute(MappingReader m, String key, String value, String what) {
        if (!ValueRules.ABSOLUTE_PATH.matcher(value).matches()) {
            problems.at(m.value(key), what + " '" + value + "' must be an absolute path without spaces; write e.g. /opt/stack");
        }
    }

    private ProxySettings proxy(MappingReader m) {
        if (m == null) {
            return new ProxySettings(null, null, List.of());
        }
        String http = m.text("http");
        String https = m.text("https");
        report(m.value("http"), http == null ? null : ValueRules.proxyUrl(http));
        report(m.value("https"), https == null ? null : ValueRules.proxyUrl(https));
        List<String> noProxy = new ArrayList<>();
        for (Node n : m.list("no_proxy")) {
            String s = MappingReader.text(n, "proxy.no_proxy item", problems);
            if (s != null) {
                report(n, ValueRules.noProxyEntry(s));
                noProxy.add(s);
            }
        }
        return new ProxySettings(http, https, noProxy);
    }

    private Passwords passwords(MappingReader host) {
        MappingReader m = host.mapping("passwords", PASSWORD_KEYS);
        if (m == null) {
            problems.at(host.keyNode("passwords"), "passwords are missing; set passwords.admin, database, rabbit and "
                    + "service (an unset one makes stack.sh prompt and hang)");
            Secret none = Secret.literal("");
            return new Passwords(none, none, none, none);
        }
        return new Passwords(password(m, "admin"), password(m, "database"), password(m, "rabbit"), password(m, "service"));
    }

    private Secret password(MappingReader m, String key) {
        String ref = m.text(key);
        if (ref == null) {
            if (m.present(key) == null) {
                problems.at(m.value(key) != null ? m.value(key) : m.node(), "password '" + key + "' is not set; set passwords." + key
                                + " (an unset password makes stack.sh prompt and hang)");
            }
            return Secret.literal("");
        }
        Secret s = secret(m.value(key), ref);
        if (s != null && !ValueRules.PASSWORD.matcher(s.reveal()).matches()) {
            problems.at(m.value(key), "password '" + key + "' (" + s.reference() + ") "
                    + (s.isEmpty() ? "is empty" : "has characters other than letters and digits")
                    + "; DevStack writes passwords unquoted into URLs and config, so use letters and digits only");
        }
        return s == null ? Secret.literal("") : s;
    }

    private Secret secret(Node at, String ref) {
        try {
            Secret s = secrets.resolve(ref);
            if (s.reveal().indexOf('\n') >= 0 || s.reveal().indexOf('\r') >= 0 || s.reveal().indexOf('\0') >= 0) {
                problems.at(at, "secret " + s.reference() + " contains a line break or NUL; store it on one line");
            }
            return s;
        } catch (IllegalArgumentException e) {
            problems.at(at, e.getMessage());
            return null;
        }
    }








    private FixupPolicy fixups(MappingReader m) {
        Node v = m.present("fixups");
        if (v == null) {
            return FixupPolicy.all();
        }
        if (v instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            String s = MappingReader.text(v, "fixups", problems);
            if ("auto".equals(s)) {
                return FixupPolicy.all();
            }
            if ("none".equals(s)) {
                return FixupPolicy.none();
            }
            if (s != null) {
                problems.at(v, "fixups must be auto, none or a list of fix-up names, found '" + s + "'; "
                        + DidYouMean.hint(s, List.of("auto", "none")));
            }
            return FixupPolicy.none();
        }
        List<FixupName> names = new ArrayList<>();
        for (Node n : m.list("fixups")) {
            String s = MappingReader.text(n, "fixups item", problems);
            if (s == null) {
                continue;
            }
            FixupName.parse(s).ifPresentOrElse(names::add,
                    () -> problems.at(n, "unknown fix-up '" + s + "'; " + DidYouMean.hint(s, FixupName.labels())));
        }
        return new FixupPolicy(false, List.copyOf(names));
    }

    private Timeouts timeouts(MappingReader m) {
        return new Timeouts(duration(m, "stack", Duration.ofHours(3)), duration(m, "command", Duration.ofMinutes(10)),
                duration(m, "connect", Duration.ofSeconds(10)));
    }

    private Duration duration(MappingReader m, String key, Duration fallback) {
        String s = m == null ? null : m.text(key);
        if (s == null) {
            return fallback;
        }
        Duration d = Durations.parse(s);
        if (d == null || d.isZero()) {
            problems.at(m.value(key), "timeouts." + key + " '" + s + "' is not a duration; write e.g. 500ms, 10s, 10m or 3h");
            return fallback;
        }
        return d;
    }

    private TargetPaths paths(MappingReader m) {
        TargetPaths d = TargetPaths.defaults();
        if (m == null) {
            return d;
        }
        return new TargetPaths(path(m, "mysql_maintenance_cnf", d.mysqlMaintenanceCnf()), path(m, "ovs_db_sock", d.ovsDbSock()),
                path(m, "log_dir", d.logDir()), path(m, "state_dir", d.stateDir()), path(m, "apt_dir", d.aptDir()),
                path(m, "systemd_dir", d.systemdDir()), path(m, "tmpfiles_dir", d.tmpfilesDir()));
    }

    private String path(MappingReader m, String key, String fallback) {
        String s = m.text(key, fallback);
        absolute(m, key, s, "paths." + key);
        return s;
    }
}
