package io.provisioner.render;

import io.provisioner.spec.ComputeServices;
import io.provisioner.spec.DependencyOrder;
import io.provisioner.spec.Host;
import io.provisioner.spec.LocalrcValue;
import io.provisioner.spec.Plugin;
import io.provisioner.spec.Spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders one host's {@code local.conf} and stackrc overlay from the templates. The view holds only values
 * the spec loader has validated; localrc values and INI options are pre-formatted here ({@code {{{...}}}} in
 * the template), everything else is shell-quoted by the template engine.
 */
public final class HostRenderer {
    /** What {@code git_base: auto} becomes when nothing has probed the target (render, plan). */
    public static final String DEFAULT_GIT_BASE = "https://opendev.org";

    private final ShellTemplates templates;

    public HostRenderer(ShellTemplates templates) {
        this.templates = templates;
    }

    public static HostRenderer withDefaultTemplates() {
        return new HostRenderer(ShellTemplates.defaults());
    }

    /** {@code gitBase}: the resolved GIT_BASE (a URL, never {@code auto}). */
    public RenderedHost render(Spec spec, Host host, String gitBase) {
        return render(spec, host, gitBase, List.of());
    }

    /** As {@link #render(Spec, Host, String)}, with addresses to add to no_proxy (found at run time). */
    public RenderedHost render(Spec spec, Host host, String gitBase, List<String> extraNoProxy) {
        if (gitBase == null || "auto".equals(gitBase)) {
            throw new IllegalArgumentException("GIT_BASE must be resolved before rendering, got " + gitBase);
        }
        String localConf = templates.render("local.conf.mustache", localConfView(spec, host, gitBase));
        String overlay = templates.render("stackrc.mustache", overlayView(spec, host, gitBase, extraNoProxy));
        return new RenderedHost(localConf, overlay);
    }

    private Map<String, Object> localConfView(Spec spec, Host host, String gitBase) {
        Map<String, Object> view = new HashMap<>();
        view.put("host", host.name());
        view.put("role", host.role().label());
        view.put("admin_password", host.passwords().admin().reveal());
        view.put("database_password", host.passwords().database().reveal());
        view.put("rabbit_password", host.passwords().rabbit().reveal());
        view.put("service_password", host.passwords().service().reveal());
        view.put("host_ip", host.hostIp());
        String serviceHost = ServiceHost.of(spec, host);
        view.put("service_host", serviceHost);
        boolean compute = !host.isController() && serviceHost != null;
        view.put("compute", compute);
        Host controller = spec.controller().orElse(host);
        view.put("enabled_services", compute ? String.join(",", ComputeServices.of(host, controller)) : null);
        view.put("glance_hostport", serviceHost == null ? null
                : (serviceHost.contains(":") ? "[" + serviceHost + "]" : serviceHost) + ":9292");
        view.put("git_base", gitBase);
        view.put("localrc", localrc(host.localrc()));
        // a compute host's services are all in ENABLED_SERVICES (DevStack's multi-node guide): its spec's
        // enable/disable lists are folded in there, not repeated as enable_service/disable_service lines
        view.put("disable_services", compute ? List.of() : host.services().disable());
        view.put("enable_services", compute ? List.of() : host.services().enable());
        view.put("plugins", plugins(host.plugins()));
        view.put("meta", meta(host.localConf()));
        return view;
    }

    /** localrc variables so that each comes after the ones it references; else in spec order. */
    static List<Map<String, String>> localrc(Map<String, String> localrc) {
        Map<String, List<String>> refs = new LinkedHashMap<>();
        localrc.forEach((variable, value) -> refs.put(variable, LocalrcValue.references(value)));
        List<Map<String, String>> out = new ArrayList<>();
        for (String name : DependencyOrder.order(refs)) {
            out.add(Map.of("name", name, "value", LocalrcQuote.quote(localrc.get(name))));
        }
        return out;
    }

    /** Plugins after the plugins they require; DevStack registers them in enable_plugin order. */
    static List<Plugin> plugins(List<Plugin> plugins) {
        Map<String, List<String>> requires = new LinkedHashMap<>();
        Map<String, Plugin> byName = new HashMap<>();
        for (Plugin plugin : plugins) {
            requires.put(plugin.name(), plugin.requires());
            byName.put(plugin.name(), plugin);
        }
        return DependencyOrder.order(requires).stream().map(byName::get).toList();
    }

    private static List<Map<String, Object>> meta(Map<String, Map<String, Map<String, Map<String, String>>>> localConf) {
        List<Map<String, Object>> out = new ArrayList<>();
        // DevStack applies the phases in this order; writing them in the same order keeps the file readable
        for (String phase : List.of("post-config", "extra", "post-extra", "test-config")) {
            Map<String, Map<String, Map<String, String>>> files = localConf.getOrDefault(phase, Map.of());
            files.forEach((file, sections) -> {
                List<Map<String, Object>> sectionList = new ArrayList<>();
                sections.forEach((section, options) -> {
                    List<Map<String, String>> optionList = new ArrayList<>();
                    options.forEach((key, value) -> optionList.add(Map.of("key", key, "value", value)));
                    sectionList.add(Map.of("name", section, "options", optionList));
                });
                out.add(Map.of("phase", phase, "file", file, "sections", sectionList));
            });
        }
        return out;
    }

    private Map<String, Object> overlayView(Spec spec, Host host, String gitBase, List<String> extraNoProxy) {
        Map<String, Object> view = new HashMap<>();
        view.put("host", host.name());
        view.put("http_proxy", blankToNull(host.proxy().http()));
        view.put("https_proxy", blankToNull(host.proxy().https()));
        // always: a proxy the spec does not know of (the host's /etc/environment, a login script) must not
        // catch DevStack's own calls to HOST_IP either
        view.put("no_proxy", NoProxyList.join(NoProxyList.compute(spec, host, extraNoProxy)));
        view.put("git_base", gitBase);
        return view;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
