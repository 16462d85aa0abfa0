package io.provisioner.spec;

import java.util.Locale;
import java.util.Set;

/**
 * Words DevStack and this tool print all the time (user names, service names, directory names, step
 * names). A password equal to one of them cannot be told apart from the word in the output, so it is
 * masked only where it is set, never where the word merely stands; {@code validate} warns about it.
 */
public final class CommonWords {
    private static final Set<String> WORDS = Set.of(
            "stack", "devstack", "unstack", "stack.sh", "admin", "password", "passw0rd", "secret", "opt", "root",
            "demo", "service", "services", "token", "guest", "test", "changeme", "default", "openstack",
            "nova", "keystone", "glance", "neutron", "cinder", "horizon", "placement", "swift", "tempest",
            "mysql", "mariadb", "rabbit", "rabbitmq", "stackrabbit", "memcached", "ovs", "ovn", "ubuntu",
            "debian", "localhost", "local", "master", "main", "controller", "compute", "sudo", "home",
            "connect", "preflight", "prepare", "verify", "diagnose", "fixup", "healthy", "failed", "sandbox",
            "true", "false", "yes", "no");

    private CommonWords() {
    }

    /** Case-insensitive: {@code Stack} is as common as {@code stack}. */
    public static boolean contains(String word) {
        return word != null && WORDS.contains(word.toLowerCase(Locale.ROOT));
    }
}
