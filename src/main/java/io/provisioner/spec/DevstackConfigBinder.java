package io.provisioner.spec;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what goes into local.conf: services, plugins, localrc and the local_conf meta sections, with the
 * rules DevStack imposes on each (see reference/devstack-internals.md §1.2, §1.3).
 */
final class DevstackConfigBinder {
    static final List<String> SERVICES_KEYS = List.of("enable", "disable");
    static final List<String> PLUGIN_KEYS = List.of("name", "repo", "ref", "requires");
    static final List<String> PHASES = List.of("post-config", "extra", "post-extra", "test-config");
    /** localrc keys the provisioner writes itself, with the spec key that sets them. */
    static final Map<String, String> MANAGED_VARIABLES = Map.ofEntries(
            Map.entry("ADMIN_PASSWORD", "passwords.admin"), Map.entry("DATABASE_PASSWORD", "passwords.database"),
            Map.entry("MYSQL_PASSWORD", "passwords.database"), Map.entry("RABBIT_PASSWORD", "passwords.rabbit"),
            Map.entry("SERVICE_PASSWORD", "passwords.service"), Map.entry("HOST_IP", "host_ip"),
            Map.entry("SERVICE_HOST", "the controller's host_ip"), Map.entry("DATABASE_HOST", "the controller's host_ip"),
            Map.entry("MYSQL_HOST", "the controller's host_ip"), Map.entry("RABBIT_HOST", "the controller's host_ip"),
            Map.entry("GLANCE_HOSTPORT", "the controller's host_ip"), Map.entry("Q_HOST", "the controller's host_ip"),
            Map.entry("GIT_BASE", "git_base"), Map.entry("http_proxy", "proxy.http"), Map.entry("https_proxy", "proxy.https"),
            Map.entry("no_proxy", "proxy.no_proxy"), Map.entry("HTTP_PROXY", "proxy.http"),
            Map.entry("HTTPS_PROXY", "proxy.https"), Map.entry("NO_PROXY", "proxy.no_proxy"));

    private final Problems problems;

    DevstackConfigBinder(Problems problems) {
        this.problems = problems;
    }

    private void report(Node at, String problem) {
        if (problem != null) {
            problems.at(at, problem);
        }
    }

    Services services(MappingReader servicesMap) {
        if (servicesMap == null) {
            return new Services(List.of(), List.of());
        }
        List<String> enable = serviceNames(servicesMap, "enable");
        List<String> disable = serviceNames(servicesMap, "disable");
        for (String service : enable) {
            if (disable.contains(service)) {
                problems.at(servicesMap.node(), "service '" + service
                        + "' is both enabled and disabled; remove it from one list");
            }
        }
        return new Services(enable, disable);
    }

    private List<String> serviceNames(MappingReader servicesMap, String key) {
        Set<String> out = new LinkedHashSet<>();
        for (Node item : servicesMap.list(key)) {
            String service = MappingReader.text(item, "services." + key + " item", problems);
            if (service == null) {
                continue;
            }
            if (!ValueRules.SERVICE.matcher(service).matches()) {
                problems.at(item, "service name '" + service
                        + "' must be lower-case letters, digits, '-', '_' or '.'; fix it");
            } else if (!out.add(service)) {
                problems.at(item, "service '" + service + "' is listed twice in services." + key + "; remove one");
            }
        }
        return List.copyOf(out);
    }

    List<Plugin> plugins(MappingReader host) {
        List<Plugin> out = new ArrayList<>();
        Map<String, Node> seen = new LinkedHashMap<>();
        Map<String, List<String>> requires = new LinkedHashMap<>();
        Map<String, Node> requireNodes = new LinkedHashMap<>();
        for (Node pluginNode : host.list("plugins")) {
            MappingReader plugin = MappingReader.of(pluginNode, "plugin", problems, PLUGIN_KEYS);
            if (plugin == null) {
                continue;
            }
            String name = plugin.text("name");
            if (name == null) {
                plugin.missing("name", "name: heat");
                continue;
            }
            if (!ValueRules.PLUGIN.matcher(name).matches()) {
                problems.at(plugin.value("name"), "plugin name '" + name
                        + "' must be letters, digits, '-', '_' or '.'; fix it");
            }
            if (seen.putIfAbsent(name, plugin.value("name")) != null) {
                problems.at(plugin.value("name"), "plugin '" + name
                        + "' is listed twice; DevStack dies on a plugin enabled twice, remove one");
            }
            String repo = plugin.text("repo");
            if (repo == null) {
                plugin.missing("repo", "repo: https://opendev.org/openstack/" + name);
                repo = "";
            } else {
                report(plugin.value("repo"), ValueRules.url(repo, "plugin repo", ValueRules.GIT_SCHEMES));
            }
            String ref = plugin.text("ref", "master");
            if (!ValueRules.GIT_REF.matcher(ref).matches()) {
                problems.at(plugin.value("ref"), "plugin ref '" + ref + "' is not a branch, tag or commit name; fix it");
            }
            List<String> req = plugin.textList("requires");
            requires.put(name, req);
            requireNodes.put(name, plugin.present("requires") == null ? plugin.node() : plugin.present("requires"));
            out.add(new Plugin(name, repo, ref, req));
        }
        requires.forEach((name, req) -> {
            for (String required : req) {
                if (!requires.containsKey(required)) {
                    problems.at(requireNodes.get(name), "plugin '" + name + "' requires '" + required
                            + "', which is not in plugins; add it or remove the requirement");
                }
            }
        });
        try {
            DependencyOrder.order(requires);
        } catch (DependencyOrder.CycleException e) {
            problems.at(requireNodes.get(e.names().get(0)), "plugins require each other in a cycle: "
                    + String.join(" -> ", e.names()) + "; break the cycle");
        }
        return out;
    }

    Map<String, String> localrc(MappingReader host) {
        MappingReader localrcMap = host.mapping("localrc", null);
        Map<String, String> out = new LinkedHashMap<>();
        if (localrcMap == null) {
            return out;
        }
        Map<String, List<String>> refs = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : localrcMap.entries().entrySet()) {
            String key = e.getKey();
            Node keyNode = e.getValue().getKeyNode();
            if (!ValueRules.VARIABLE.matcher(key).matches()) {
                problems.at(keyNode, "localrc key '" + key + "' is not a shell variable name; use letters, digits and _");
                continue;
            }
            if (MANAGED_VARIABLES.containsKey(key)) {
                problems.at(keyNode, "localrc sets " + key + ", which the provisioner writes from "
                        + MANAGED_VARIABLES.get(key) + "; remove it from localrc and set " + MANAGED_VARIABLES.get(key));
                continue;
            }
            String value = MappingReader.scalar(e.getValue().getValueNode(), "localrc." + key, problems);
            if (value == null) {
                continue;
            }
            report(e.getValue().getValueNode(), prefixed("localrc." + key, LocalrcValue.problem(value)));
            out.put(key, value);
            refs.put(key, LocalrcValue.references(value));
        }
        try {
            DependencyOrder.order(refs);
        } catch (DependencyOrder.CycleException e) {
            problems.at(localrcMap.entries().get(e.names().get(0)).getKeyNode(),
                    "localrc variables refer to each other in a cycle: "
                    + String.join(" -> ", e.names()) + "; break the cycle");
        }
        return out;
    }

    private static String prefixed(String what, String problem) {
        return problem == null ? null : what + ": " + problem;
    }

    Map<String, Map<String, Map<String, Map<String, String>>>> localConf(MappingReader host) {
        Map<String, Map<String, Map<String, Map<String, String>>>> out = new LinkedHashMap<>();
        MappingReader phases = host.mapping("local_conf", PHASES);
        if (phases == null) {
            return out;
        }
        phases.entries().forEach((phase, pt) -> {
            MappingReader files = MappingReader.of(pt.getValueNode(), "local_conf." + phase, problems, null);
            if (files == null) {
                return;
            }
            Map<String, Map<String, Map<String, String>>> byFile = new LinkedHashMap<>();
            files.entries().forEach((file, ft) -> {
                if (!ValueRules.CONF_FILE.matcher(file).matches()) {
                    problems.at(ft.getKeyNode(), "config file '" + file + "' must be a path or $VARIABLE without spaces; "
                            + "write e.g. $NOVA_CONF or /$Q_PLUGIN_CONF_FILE");
                }
                MappingReader sections = MappingReader.of(ft.getValueNode(), "local_conf." + phase + "." + file, problems, null);
                if (sections == null) {
                    return;
                }
                Map<String, Map<String, String>> bySection = new LinkedHashMap<>();
                sections.entries().forEach((section, st) -> {
                    if (!ValueRules.INI_SECTION.matcher(section).matches()) {
                        problems.at(st.getKeyNode(), "INI section '" + section + "' must be letters, digits, '_', '.', ':' or '-'; rename it");
                    }
                    bySection.put(section, options(phase, file, section, st.getValueNode()));
                });
                byFile.put(file, bySection);
            });
            out.put(phase, byFile);
        });
        return out;
    }

    private Map<String, String> options(String phase, String file, String section, Node node) {
        Map<String, String> out = new LinkedHashMap<>();
        String where = "local_conf." + phase + "." + file + "." + section;
        MappingReader sectionMap = MappingReader.of(node, where, problems, null);
        if (sectionMap == null) {
            return out;
        }
        sectionMap.entries().forEach((key, entry) -> {
            if (!ValueRules.INI_KEY.matcher(key).matches()) {
                problems.at(entry.getKeyNode(), "INI option '" + key
                        + "' must be letters, digits, '_', '.' or '-'; rename it");
            }
            String value = MappingReader.scalar(entry.getValueNode(), where + "." + key, problems);
            if (value == null) {
                return;
            }
            if (value.contains("\"") || value.contains("`") || value.contains("\\") || value.contains("$(")) {
                problems.at(entry.getValueNode(), where + "." + key + " contains \", \\, ` or $(; DevStack evaluates these "
                        + "values inside double quotes, so remove them");
            }
            out.put(key, value);
        });
        return out;
    }
}
