package io.provisioner.spec;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a host spec: YAML with line/column, defaults merged into each host, every rule checked, secret
 * references resolved. All problems are collected and thrown together as a {@link SpecException}.
 */
public final class SpecLoader {
    private static final List<String> TOP_KEYS = List.of("version", "defaults", "hosts");
    /** A spec for a thousand hosts is well under this; anything bigger is the wrong file, refused before parsing. */
    static final long MAX_BYTES = 1024 * 1024;

    private SpecLoader() {
    }

    public static Spec load(Path file) {
        return load(file, System.getenv());
    }

    public static Spec load(Path file, Map<String, String> env) {
        return load(file, env, true);
    }

    /**
     * The spec with its env: and file: secrets checked for form but not looked up ({@link Secret#isWithheld()}),
     * for commands that only read the journal and probe ports (history, status): an operator without the
     * deploy's secrets can run them.
     */
    public static Spec loadWithoutSecrets(Path file, Map<String, String> env) {
        return load(file, env, false);
    }

    private static Spec load(Path file, Map<String, String> env, boolean lookUpSecrets) {
        Problems problems = new Problems(file.toString());
        String text;
        try {
            if (Files.isDirectory(file)) {
                problems.add(1, 1, "is a directory, not a spec file; give the YAML file with -f");
                throw new SpecException(problems.sorted());
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(1, 1, String.format(java.util.Locale.ROOT, "the file is %.1f MiB; a host spec is at most "
                        + "1 MiB, so this is not the right file", size / 1048576.0));
                throw new SpecException(problems.sorted());
            }
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(1, 1, "no such file; check the path given with -f");
            throw new SpecException(problems.sorted());
        } catch (IOException e) {
            problems.add(1, 1, "cannot read the file (" + e.getClass().getSimpleName() + "); check its permissions");
            throw new SpecException(problems.sorted());
        }
        Node root = YamlDocument.parse(text, problems);
        if (root == null) {
            throw new SpecException(problems.sorted());
        }
        Path baseDir = file.toAbsolutePath().getParent();
        List<Host> hosts = read(root, problems, new SecretResolver(env, baseDir, lookUpSecrets), env);
        problems.throwIfAny();
        return new Spec(file, List.copyOf(hosts));
    }

    private static List<Host> read(Node root, Problems problems, SecretResolver secrets, Map<String, String> env) {
        MappingReader top = MappingReader.of(root, "spec", problems, TOP_KEYS);
        if (top == null) {
            return List.of();
        }
        checkVersion(top, problems);
        MappingNode defaults = new MappingNode(Tag.MAP, new ArrayList<>(), org.yaml.snakeyaml.DumperOptions.FlowStyle.AUTO);
        if (top.present("defaults") != null) {
            problems.defaults(top.present("defaults"));
            MappingReader defaultsMap = top.mapping("defaults", HostBinder.DEFAULT_KEYS);
            if (defaultsMap != null) {
                defaults = defaultsMap.node();
            }
        }
        List<Node> hostNodes = top.list("hosts");
        if (top.present("hosts") == null) {
            problems.at(top.value("hosts") == null ? root : top.value("hosts"),
                    "no hosts; add a 'hosts:' list, e.g. hosts: [{name: lab1, address: 10.0.0.11, role: controller}]");
            return List.of();
        }
        if (hostNodes.isEmpty() && top.present("hosts") instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
            problems.at(top.value("hosts"), "the hosts list is empty; add at least one host");
        }
        boolean rolesGiven = hostNodes.stream().anyMatch(hostNode -> hostNode instanceof MappingNode hostMapping
                && hostMapping.getValue().stream().anyMatch(tuple -> tuple.getKeyNode() instanceof ScalarNode keyNode
                        && keyNode.getValue().equals("role")));
        HostBinder binder = new HostBinder(problems, secrets, env);
        List<Host> hosts = new ArrayList<>();
        List<Node> positions = new ArrayList<>();
        for (int i = 0; i < hostNodes.size(); i++) {
            Node hostNode = hostNodes.get(i);
            if (!(hostNode instanceof MappingNode hostMap)) {
                problems.at(hostNode, "each host must be a mapping with name and address, found "
                        + MappingReader.describe(hostNode)
                        + "; write {name: lab1, address: 10.0.0.11}");
                continue;
            }
            MappingReader own = MappingReader.of(hostMap, "host", problems, HostBinder.HOST_KEYS);
            // the keys were checked where they were written (the host, the defaults): checked again here, a wrong
            // key in defaults was reported twice, once with the host's list of keys
            MappingReader merged = MappingReader.of(NodeMerger.merge(defaults, own.node()), "host", problems, null);
            // without roles, the first host is the controller and the rest are compute hosts
            Role fallback = !rolesGiven && hosts.isEmpty() ? Role.CONTROLLER : Role.COMPUTE;
            hosts.add(binder.bind(merged, fallback));
            positions.add(hostNode);
        }
        checkFleet(hosts, positions, top, problems);
        return hosts;
    }

    private static void checkVersion(MappingReader top, Problems problems) {
        Node versionNode = top.present("version");
        if (versionNode == null) {
            problems.at(top.node(), "missing 'version: 1' at the top; add it as the first line");
        } else if (!(versionNode instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())
                && scalar.getValue().equals("1"))) {
            boolean quoted = versionNode instanceof ScalarNode scalar && Tag.STR.equals(scalar.getTag())
                    && scalar.getValue().equals("1");
            problems.at(versionNode, quoted ? "version is the text \"1\", not the number 1; write version: 1 without quotes"
                    : "version must be 1, found " + (versionNode instanceof ScalarNode scalar ? "'" + scalar.getValue() + "'"
                    : MappingReader.describe(versionNode)) + "; this provisioner reads version 1 specs");
        }
    }

    private static void checkFleet(List<Host> hosts, List<Node> positions, MappingReader top, Problems problems) {
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> addresses = new HashMap<>();
        int controllers = 0;
        for (int i = 0; i < hosts.size(); i++) {
            Host host = hosts.get(i);
            Node at = positions.get(i);
            Integer first = names.putIfAbsent(host.name(), i);
            if (first != null && !"?".equals(host.name())) {
                problems.at(at, "duplicate host name '" + host.name() + "' (first at line "
                        + (positions.get(first).getStartMark().getLine() + 1) + "); give each host its own name");
            }
            if (host.address() != null && !host.isLocal()) {
                Integer firstAddress = addresses.putIfAbsent(host.address(), i);
                if (firstAddress != null) {
                    problems.at(at, "hosts '" + hosts.get(firstAddress).name() + "' and '" + host.name()
                            + "' have the same address " + host.address() + "; two DevStacks cannot share a machine");
                }
            }
            if (host.isController()) {
                controllers++;
                if (controllers == 2) {
                    problems.at(at, "host '" + host.name() + "' is a second controller; DevStack multinode has exactly one, "
                            + "make it role: compute");
                }
            }
        }
        if (!hosts.isEmpty() && controllers == 0) {
            problems.at(top.value("hosts"), "no host has role: controller; mark one host 'role: controller'");
        }
        Host controller = hosts.stream().filter(Host::isController).findFirst().orElse(null);
        boolean computes = hosts.stream().anyMatch(host -> !host.isController());
        if (controller != null && computes && controller.hostIp() == null) {
            problems.at(positions.get(hosts.indexOf(controller)), "controller '" + controller.name()
                    + "' has no host_ip and its address is not an IP; compute hosts need it for SERVICE_HOST, so set host_ip");
        }
    }
}
