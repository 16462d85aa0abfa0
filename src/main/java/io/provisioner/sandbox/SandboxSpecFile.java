package io.provisioner.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec a sandbox run deploys: the user's spec file with every address in it replaced by the sandbox's.
 * Each spec host becomes the simulated host of the same name (same role, same order): its SSH address,
 * port, key and known_hosts are the simulated host's; its proxy is the loopback stand-in; its DevStack
 * repository is the simulator's (same ref); its paths and every absolute path in {@code localrc} lie under
 * the host root. Everything else (passwords as written, services, local_conf, fix-ups, retries, timeouts)
 * is the user's. Written as a file so every runbook verb can be pointed at it.
 */
public final class SandboxSpecFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    /** Settings the sandbox gives each host in full; the user's defaults for them would only leak addresses. */
    private static final List<String> PER_HOST = List.of("ssh", "devstack", "proxy", "paths", "localrc", "host_ip");

    private SandboxSpecFile() {
    }

    /**
     * Writes {@code out} (0600: it may hold the user's literal passwords) from the user's spec file and its
     * loaded form; returns {@code out}.
     */
    public static Path write(Path userSpecFile, Spec loaded, SandboxLab lab, ProxyStandIns proxies, Path out)
            throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(userSpecFile.toFile());
        Path baseDir = userSpecFile.toAbsolutePath().getParent();
        if (root.get("defaults") instanceof ObjectNode defaults) {
            PER_HOST.forEach(defaults::remove);
            absoluteFileSecrets(defaults.get("passwords"), baseDir);
        }
        ArrayNode hosts = YAML.createArrayNode();
        for (JsonNode node : root.withArray("hosts")) {
            ObjectNode host = (ObjectNode) node;
            String name = host.path("name").asText();
            Host spec = loaded.host(name).orElseThrow(() -> new IllegalStateException("no host " + name + " in the spec"));
            SandboxHost sim = lab.hosts().stream().filter(simulated -> simulated.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no sandbox host " + name));
            absoluteFileSecrets(host.get("passwords"), baseDir);
            ObjectNode sandboxed = YAML.createObjectNode();
            sandboxed.put("name", name);
            sandboxed.put("address", sim.ownAddress());
            sandboxed.put("role", spec.role().name().toLowerCase(java.util.Locale.ROOT));
            // HOST_IP is where the simulated host's endpoints listen (its 127.x address), as a real host's spec
            // names it by its address; a host named "localhost" (the no-proxy fault) leaves it to DevStack
            if (!sim.ownAddress().equals(SandboxLab.LOCALHOST)) {
                sandboxed.put("host_ip", sim.hostIp());
            }
            ObjectNode ssh = sandboxed.putObject("ssh");
            ssh.put("user", sim.user()).put("port", sim.port()).put("identity", lab.identityFile().toString())
                    .put("known_hosts", lab.knownHostsFile().toString()).put("host_keys", "strict");
            sandboxed.putObject("devstack").put("repo", sim.devstackRepo()).put("ref", spec.devstack().ref())
                    .put("dir", sim.devstackDir());
            if (spec.proxy().isSet()) {
                ObjectNode proxy = sandboxed.putObject("proxy");
                putIfSet(proxy, "http", proxies.replace(spec.proxy().http()));
                putIfSet(proxy, "https", proxies.replace(spec.proxy().https()));
                ArrayNode noProxy = proxy.putArray("no_proxy");
                spec.proxy().noProxy().forEach(noProxy::add);
            }
            ObjectNode paths = sandboxed.putObject("paths");
            paths.put("mysql_maintenance_cnf", sim.paths().mysqlMaintenanceCnf())
                    .put("ovs_db_sock", sim.paths().ovsDbSock()).put("log_dir", sim.paths().logDir())
                    .put("state_dir", sim.paths().stateDir()).put("apt_dir", sim.paths().aptDir())
                    .put("systemd_dir", sim.paths().systemdDir()).put("tmpfiles_dir", sim.paths().tmpfilesDir());
            ObjectNode localrc = sandboxed.putObject("localrc");
            mappedLocalrc(spec.localrc(), sim).forEach(localrc::put);
            // the rest of the host's own settings (passwords, services, ...) as the user wrote them
            Iterator<Map.Entry<String, JsonNode>> fields = host.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!sandboxed.has(field.getKey()) && !PER_HOST.contains(field.getKey())
                        && !field.getKey().equals("address")) {
                    sandboxed.set(field.getKey(), field.getValue());
                }
            }
            hosts.add(sandboxed);
        }
        root.set("hosts", hosts);
        Files.deleteIfExists(out);
        Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(out, "# A sandbox's spec: the hosts of " + userSpecFile.getFileName() + " as simulated hosts"
                + " (written by devstack-provisioner)\n" + YAML.writeValueAsString(root));
        return out;
    }

    /**
     * localrc with every absolute path (a value starting with {@code /}, e.g. {@code DEST: /opt/stack}) mapped
     * to the directory inside the host root that stands for it; the directories a path names are made.
     */
    static Map<String, String> mappedLocalrc(Map<String, String> localrc, SandboxHost host) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : localrc.entrySet()) {
            String value = e.getValue();
            if (value != null && value.startsWith("/") && !value.startsWith(host.root().toString())) {
                value = host.onHost(value);
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null && !value.isBlank()) {
            node.put(key, value);
        }
    }

    /** {@code file:relative} secret references made absolute against the user's spec directory. */
    private static void absoluteFileSecrets(JsonNode passwords, Path baseDir) {
        if (!(passwords instanceof ObjectNode object)) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String value = field.getValue().asText();
            if (field.getValue().isTextual() && value.startsWith("file:") && !value.startsWith("file:/")
                    && !value.startsWith("file:~")) {
                field.setValue(TextNode.valueOf("file:" + baseDir.resolve(value.substring("file:".length()))));
            }
        }
    }
}
