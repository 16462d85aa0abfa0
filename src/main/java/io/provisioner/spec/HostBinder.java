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

    Host bind(MappingReader host, Role fallbackRole) {
        String name = host.text("name");
        if (name == null) {
            if (host.present("name") == null) {
                host.missing("name", "name: lab1");
            }
            name = "?";
        } else if (!ValueRules.HOST_NAME.matcher(name).matches()) {
            problems.at(host.value("name"), "host name '" + name
                    + "' must be letters, digits, '.' and '-' (at most 63); rename it");
        }
        String address = host.text("address");
        if (address == null) {
            if (host.present("address") == null) {
                host.missing("address", "address: 10.0.0.11 (or 'local')");
            }
        } else {
            report(host.value("address"), ValueRules.address(address));
        }
        Role role = fallbackRole;
        String roleText = host.text("role");
        if (roleText != null) {
            if (ROLES.contains(roleText)) {
                role = Role.valueOf(roleText.toUpperCase(java.util.Locale.ROOT));
            } else {
                problems.at(host.value("role"), "unknown role '" + roleText + "'; " + DidYouMean.hint(roleText, ROLES));
            }
        }
        String hostIp = host.text("host_ip");
        if (hostIp != null && !ValueRules.isIpLiteral(hostIp)) {
            problems.at(host.value("host_ip"), "host_ip '" + hostIp
                    + "' is not an IP address; DevStack's HOST_IP must be one");
        }
        if (hostIp == null && ValueRules.isIpLiteral(address)) {
            hostIp = address;
        }
        String gitBase = host.text("git_base", "auto");
        if (!"auto".equals(gitBase)) {
            report(host.value("git_base"), ValueRules.url(gitBase, "git_base", ValueRules.GIT_SCHEMES));
        }
        return new Host(name, address, role, hostIp, ssh(host.mapping("ssh", SSH_KEYS)),
                devstack(host.mapping("devstack", DEVSTACK_KEYS)), proxy(host.mapping("proxy", PROXY_KEYS)), gitBase,
                passwords(host), config.services(host.mapping("services", DevstackConfigBinder.SERVICES_KEYS)),
                config.plugins(host), config.localrc(host), config.localConf(host), fixups(host),
                host.integer("retries", 2, 0, 20), timeouts(host.mapping("timeouts", TIMEOUT_KEYS)),
                paths(host.mapping("paths", PATH_KEYS)));
    }

    private void report(Node at, String problem) {
        if (problem != null) {
            problems.at(at, problem);
        }
    }

    private SshSettings ssh(MappingReader sshMap) {
        if (sshMap == null) {
            return new SshSettings("stack", 22, home("~/.ssh/id_ed25519"), null, home("~/.ssh/known_hosts"),
                    HostKeyPolicy.ACCEPT_NEW, null, Set.copyOf(SshSettings.DEFAULTABLE));
        }
        String user = sshMap.text("user", "stack");
        if (!ValueRules.USER.matcher(user).matches()) {
            problems.at(sshMap.value("user"), "ssh.user '" + user
                    + "' is not a valid user name; use lower-case letters, digits, '_', '-'");
        }
        String policy = sshMap.text("host_keys", "accept-new");
        HostKeyPolicy hostKeys = HostKeyPolicy.ACCEPT_NEW;
        if (HOST_KEY_POLICIES.contains(policy)) {
            hostKeys = HostKeyPolicy.fromLabel(policy);
        } else {
            problems.at(sshMap.value("host_keys"), "unknown ssh.host_keys '" + policy + "'; "
                    + DidYouMean.hint(policy, HOST_KEY_POLICIES));
        }
        String jump = sshMap.text("jump");
        if (jump != null) {
            var jm = ValueRules.JUMP.matcher(jump);
            if (!jm.matches() || jm.group(4) != null && (Integer.parseInt(jm.group(4)) < 1 || Integer.parseInt(jm.group(4)) > 65535)) {
                problems.at(sshMap.value("jump"), "ssh.jump '" + jump
                        + "' must be [user@]host[:port] with a port from 1 to 65535; fix it");
            }
        }
        Secret passphrase = null;
        String ref = sshMap.text("passphrase");
        if (ref != null) {
            passphrase = secret(sshMap.value("passphrase"), ref);
        }
        Set<String> defaulted = new HashSet<>();
        for (String field : SshSettings.DEFAULTABLE) {
            if (sshMap.present(field) == null) {
                defaulted.add(field);
            }
        }
        return new SshSettings(user, sshMap.integer("port", 22, 1, 65535),
                home(sshMap.text("identity", "~/.ssh/id_ed25519")), passphrase,
                home(sshMap.text("known_hosts", "~/.ssh/known_hosts")), hostKeys, jump, defaulted);
    }

    private String home(String path) {
        return SecretResolver.expandHomeText(path, env);
    }

    private DevstackSource devstack(MappingReader devstackMap) {
        String repo = "https://opendev.org/openstack/devstack";
        String ref = "master";
        String dir = "/opt/stack/devstack";
        if (devstackMap != null) {
            repo = devstackMap.text("repo", repo);
            report(devstackMap.value("repo"), devstackMap.present("repo") == null ? null
                    : ValueRules.url(repo, "devstack.repo", ValueRules.GIT_SCHEMES));
            ref = devstackMap.text("ref", ref);
            if (!ValueRules.GIT_REF.matcher(ref).matches()) {
                problems.at(devstackMap.value("ref"), "devstack.ref '" + ref
                        + "' is not a branch, tag or commit name; fix it");
            }
            dir = devstackMap.text("dir", dir);
            absolute(devstackMap, "dir", dir, "devstack.dir");
        }
        return new DevstackSource(repo, ref, dir);
    }

    private void absolute(MappingReader owner, String key, String value, String what) {
        if (!ValueRules.ABSOLUTE_PATH.matcher(value).matches()) {
            problems.at(owner.value(key), what + " '" + value
                    + "' must be an absolute path without spaces; write e.g. /opt/stack");
        }
    }

    private ProxySettings proxy(MappingReader proxyMap) {
        if (proxyMap == null) {
            return new ProxySettings(null, null, List.of());
        }
        String http = proxyMap.text("http");
        String https = proxyMap.text("https");
        report(proxyMap.value("http"), http == null ? null : ValueRules.proxyUrl(http));
        report(proxyMap.value("https"), https == null ? null : ValueRules.proxyUrl(https));
        List<String> noProxy = new ArrayList<>();
        for (Node item : proxyMap.list("no_proxy")) {
            String entry = MappingReader.text(item, "proxy.no_proxy item", problems);
            if (entry != null) {
                report(item, ValueRules.noProxyEntry(entry));
                noProxy.add(entry);
            }
        }
        return new ProxySettings(http, https, noProxy);
    }

    private Passwords passwords(MappingReader host) {
        MappingReader passwordsMap = host.mapping("passwords", PASSWORD_KEYS);
        if (passwordsMap == null) {
            problems.at(host.keyNode("passwords"), "passwords are missing; set passwords.admin, database, rabbit and "
                    + "service (an unset one makes stack.sh prompt and hang)");
            Secret none = Secret.literal("");
            return new Passwords(none, none, none, none);
        }
        return new Passwords(password(passwordsMap, "admin"), password(passwordsMap, "database"),
                password(passwordsMap, "rabbit"), password(passwordsMap, "service"));
    }

    private Secret password(MappingReader passwordsMap, String key) {
        String ref = passwordsMap.text(key);
        if (ref == null) {
            if (passwordsMap.present(key) == null) {
                problems.at(passwordsMap.value(key) != null ? passwordsMap.value(key) : passwordsMap.node(),
                        "password '" + key + "' is not set; set passwords." + key
                                + " (an unset password makes stack.sh prompt and hang)");
            }
            return Secret.literal("");
        }
        Secret resolved = secret(passwordsMap.value(key), ref);
        if (resolved != null && !resolved.isWithheld() && !ValueRules.PASSWORD.matcher(resolved.reveal()).matches()) {
            problems.at(passwordsMap.value(key), "password '" + key + "' (" + resolved.reference() + ") "
                    + (resolved.isEmpty() ? "is empty" : "has characters other than letters and digits")
                    + "; DevStack writes passwords unquoted into URLs and config, so use letters and digits only");
        }
        return resolved == null ? Secret.literal("") : resolved;
    }

    private Secret secret(Node at, String ref) {
        try {
            Secret secret = secrets.resolve(ref);
            if (!secret.isWithheld() && secret.reveal().chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\0')) {
                problems.at(at, "secret " + secret.reference() + " contains a line break or NUL; store it on one line");
            }
            return secret;
        } catch (IllegalArgumentException e) {
            problems.at(at, e.getMessage());
            return null;
        }
    }








    private FixupPolicy fixups(MappingReader host) {
        Node fixupsNode = host.present("fixups");
        if (fixupsNode == null) {
            return FixupPolicy.all();
        }
        if (fixupsNode instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            String word = MappingReader.text(fixupsNode, "fixups", problems);
            if ("auto".equals(word)) {
                return FixupPolicy.all();
            }
            if ("none".equals(word)) {
                return FixupPolicy.none();
            }
            if (word != null) {
                problems.at(fixupsNode, "fixups must be auto, none or a list of fix-up names, found '" + word + "'; "
                        + DidYouMean.hint(word, List.of("auto", "none")));
            }
            return FixupPolicy.none();
        }
        List<FixupName> names = new ArrayList<>();
        for (Node item : host.list("fixups")) {
            String fixupName = MappingReader.text(item, "fixups item", problems);
            if (fixupName == null) {
                continue;
            }
            FixupName.parse(fixupName).ifPresentOrElse(names::add,
                    () -> problems.at(item, "unknown fix-up '" + fixupName + "'; "
                            + DidYouMean.hint(fixupName, FixupName.labels())));
        }
        return new FixupPolicy(false, List.copyOf(names));
    }

    private Timeouts timeouts(MappingReader timeoutsMap) {
        return new Timeouts(duration(timeoutsMap, "stack", Duration.ofHours(3)),
                duration(timeoutsMap, "command", Duration.ofMinutes(10)),
                duration(timeoutsMap, "connect", Duration.ofSeconds(10)));
    }

    private Duration duration(MappingReader timeoutsMap, String key, Duration fallback) {
        String text = timeoutsMap == null ? null : timeoutsMap.text(key);
        if (text == null) {
            return fallback;
        }
        Duration parsed = Durations.parse(text);
        if (parsed == null || parsed.isZero()) {
            problems.at(timeoutsMap.value(key), "timeouts." + key + " '" + text
                    + "' is not a duration; write e.g. 500ms, 10s, 10m or 3h");
            return fallback;
        }
        return parsed;
    }

    private TargetPaths paths(MappingReader pathsMap) {
        TargetPaths defaults = TargetPaths.defaults();
        if (pathsMap == null) {
            return defaults;
        }
        return new TargetPaths(path(pathsMap, "mysql_maintenance_cnf", defaults.mysqlMaintenanceCnf()),
                path(pathsMap, "ovs_db_sock", defaults.ovsDbSock()), path(pathsMap, "log_dir", defaults.logDir()),
                path(pathsMap, "state_dir", defaults.stateDir()), path(pathsMap, "apt_dir", defaults.aptDir()),
                path(pathsMap, "systemd_dir", defaults.systemdDir()),
                path(pathsMap, "tmpfiles_dir", defaults.tmpfilesDir()));
    }

    private String path(MappingReader pathsMap, String key, String fallback) {
        String text = pathsMap.text(key, fallback);
        absolute(pathsMap, key, text, "paths." + key);
        return text;
    }
}
