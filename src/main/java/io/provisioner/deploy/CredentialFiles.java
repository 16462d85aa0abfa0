package io.provisioner.deploy;

import io.provisioner.spec.Host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The user's way into the new cloud: {@code openrc} and {@code clouds.yaml} next to the journal, mode
 * 0600 (they hold the admin password, like DevStack's own {@code /etc/openstack/clouds.yaml}).
 */
final class CredentialFiles {
    private CredentialFiles() {
    }

    static void write(Path dir, Host host, Map<String, String> facts) {
        String authUrl = facts.getOrDefault("keystone_url", "http://" + host.hostIp() + "/identity");
        if (authUrl.endsWith("/")) {
            authUrl = authUrl.substring(0, authUrl.length() - 1);
        }
        String pw = host.passwords().admin().reveal();
        String openrc = "# openrc for " + host.name() + ", written by devstack-provisioner\n"
                + "export OS_AUTH_URL=" + authUrl + "\n"
                + "export OS_IDENTITY_API_VERSION=3\n"
                + "export OS_USERNAME=admin\n"
                + "export OS_PROJECT_NAME=admin\n"
                + "export OS_USER_DOMAIN_ID=default\n"
                + "export OS_PROJECT_DOMAIN_ID=default\n"
                + "export OS_REGION_NAME=RegionOne\n"
                + "export OS_PASSWORD='" + pw + "'\n";
        String clouds = "clouds:\n"
                + "  " + host.name() + ":\n"
                + "    auth:\n"
                + "      auth_url: " + authUrl + "\n"
                + "      username: admin\n"
                + "      password: " + pw + "\n"
                + "      project_name: admin\n"
                + "      user_domain_id: default\n"
                + "      project_domain_id: default\n"
                + "    region_name: RegionOne\n"
                + "    identity_api_version: 3\n";
        write(dir.resolve("openrc"), openrc);
        write(dir.resolve("clouds.yaml"), clouds);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
