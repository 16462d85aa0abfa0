package io.provisioner.spec;

import java.util.List;
import java.util.Map;

/**
 * One host with the defaults already merged in. {@code address} is what SSH connects to ({@code local}
 * for the machine the provisioner runs on); {@code hostIp} is DevStack's HOST_IP (defaults to the address
 * when that is an IP). {@code gitBase} is {@code auto} or a URL. {@code localConf} is
 * phase -> config file -> section -> key -> value.
 */
public record Host(String name, String address, Role role, String hostIp, SshSettings ssh,
                   DevstackSource devstack, ProxySettings proxy, String gitBase, Passwords passwords,
                   Services services, List<Plugin> plugins, Map<String, String> localrc,
                   Map<String, Map<String, Map<String, Map<String, String>>>> localConf,
                   FixupPolicy fixups, int retries, Timeouts timeouts, TargetPaths paths) {

    public Host withSsh(SshSettings ssh) {
        return new Host(name, address, role, hostIp, ssh, devstack, proxy, gitBase, passwords, services, plugins,
                localrc, localConf, fixups, retries, timeouts, paths);
    }

    public boolean isController() {
        return role == Role.CONTROLLER;
    }

    public boolean isLocal() {
        return "local".equals(address);
    }

    public Host withGitBase(String newGitBase) {
        return new Host(name, address, role, hostIp, ssh, devstack, proxy, newGitBase, passwords, services,
                plugins, localrc, localConf, fixups, retries, timeouts, paths);
    }
}
