package io.provisioner.remote;

import java.util.List;

/**
 * What {@code ~/.ssh/config} says about one host alias: its User, Port, IdentityFile(s) and
 * UserKnownHostsFile ({@code null}, 0 or empty where it says nothing), with {@code ~} expanded.
 */
public record SshConfigEntry(String user, int port, List<String> identityFiles, String knownHosts) {
    public SshConfigEntry {
        identityFiles = List.copyOf(identityFiles);
    }
}
