package io.provisioner.render;

import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostRendererTest {
    @TempDir
    Path dir;

    private Spec spec(String body) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "version: 1\ndefaults:\n  passwords: {admin: a1, database: d1, rabbit: r1, service: s1}\n" + body);
        return SpecLoader.load(f, Map.of());
    }

    @Test
    void computeHostPointsEveryServiceAtTheController() throws IOException {
        Spec spec = spec("hosts:\n  - {name: ctl, address: ctl.lab, host_ip: 10.0.0.1, role: controller}\n"
                + "  - {name: cpu, address: 10.0.0.2, role: compute}\n");
        String conf = HostRenderer.withDefaultTemplates().render(spec, spec.host("cpu").orElseThrow(), "https://g").localConf();
        assertThat(conf).contains("HOST_IP=10.0.0.2\nSERVICE_HOST=10.0.0.1\n", "DATABASE_HOST=10.0.0.1\n",
                "MYSQL_HOST=10.0.0.1\n", "RABBIT_HOST=10.0.0.1\n", "GLANCE_HOSTPORT=10.0.0.1:9292\n", "Q_HOST=10.0.0.1\n");
        String ctl = HostRenderer.withDefaultTemplates().render(spec, spec.host("ctl").orElseThrow(), "https://g").localConf();
        assertThat(ctl).contains("SERVICE_HOST=10.0.0.1\n").doesNotContain("DATABASE_HOST", "Q_HOST");
    }

    @Test
    void aComputeHostWithoutServicesGetsDevStacksMultiNodeComputeSetNotAnAllInOne() throws IOException {
        Spec spec = spec("hosts:\n  - {name: ctl, address: 10.0.0.1, role: controller}\n"
                + "  - {name: cpu, address: 10.0.0.2, role: compute}\n");
        String conf = HostRenderer.withDefaultTemplates().render(spec, spec.host("cpu").orElseThrow(), "https://g").localConf();
        assertThat(conf).contains("SERVICE_HOST=10.0.0.1\n", "MYSQL_HOST=10.0.0.1\n", "RABBIT_HOST=10.0.0.1\n",
                "GLANCE_HOSTPORT=10.0.0.1:9292\n",
                "ENABLED_SERVICES=n-cpu,placement-client,ovn-controller,ovs-vswitchd,ovsdb-server,q-ovn-metadata-agent,c-vol\n")
                .doesNotContain("enable_service", "disable_service");
    }

    @Test
    void theComputeAgentFollowsTheControllersNeutronChoiceAndCinder() throws IOException {
        Spec spec = spec("hosts:\n  - name: ctl\n    address: 10.0.0.1\n    role: controller\n"
                + "    localrc: {Q_AGENT: openvswitch}\n    services: {disable: [cinder]}\n"
                + "  - name: cpu\n    address: 10.0.0.2\n    role: compute\n    services: {enable: [n-novnc], disable: [placement-client]}\n");
        String conf = HostRenderer.withDefaultTemplates().render(spec, spec.host("cpu").orElseThrow(), "https://g").localConf();
        assertThat(conf).contains("ENABLED_SERVICES=n-cpu,q-agt,n-novnc\n");
    }

    @Test
    void writesLocalrcFirstThenVariablesInDependencyOrderAndPluginsLastInRequiresOrder() throws IOException {
        Spec spec = spec("  localrc: {LOGFILE: $LOGDIR/stack.log, LOGDIR: $DEST/logs, DEST: /opt/stack}\n"
                + "  services: {enable: [q-svc], disable: [n-net]}\n"
                + "  plugins:\n    - {name: b, repo: https://x/b, requires: [a]}\n    - {name: a, repo: https://x/a, ref: stable/x}\n"
                + "  local_conf:\n    post-config:\n      $NOVA_CONF:\n        DEFAULT: {force_config_drive: 'True'}\n"
                + "hosts:\n  - {name: h, address: 10.0.0.1}\n");
        String conf = HostRenderer.withDefaultTemplates().render(spec, spec.hosts().get(0), "https://g").localConf();
        assertThat(conf).startsWith("[[local|localrc]]\n");
        assertThat(conf).containsSubsequence("ADMIN_PASSWORD=a1", "HOST_IP=10.0.0.1", "GIT_BASE=https://g",
                "DEST=/opt/stack", "LOGDIR=\"$DEST/logs\"", "LOGFILE=\"$LOGDIR/stack.log\"", "disable_service n-net",
                "enable_service q-svc", "enable_plugin a https://x/a stable/x", "enable_plugin b https://x/b master",
                "\n[[post-config|$NOVA_CONF]]\n[DEFAULT]\nforce_config_drive = True\n");
    }

    @Test
    void overlayExportsBothCasesOfProxyVariablesAndGitBase() throws IOException {
        Spec spec = spec("  proxy: {http: 'http://p:3128', https: 'http://p:3129'}\nhosts:\n  - {name: h, address: 10.0.0.1}\n");
        String overlay = HostRenderer.withDefaultTemplates().render(spec, spec.hosts().get(0), "https://g").stackrcOverlay();
        assertThat(overlay).contains("export http_proxy=http://p:3128\n", "export https_proxy=http://p:3129\n",
                "export no_proxy=localhost,127.0.0.1,::1,10.0.0.1,h\n", "export HTTP_PROXY=http://p:3128\n",
                "export HTTPS_PROXY=http://p:3129\n", "export NO_PROXY=localhost,127.0.0.1,::1,10.0.0.1,h\n",
                "export GIT_BASE=https://g\n");
    }

    @Test
    void extraNoProxyAddressesReachTheOverlay() throws IOException {
        Spec spec = spec("  proxy: {http: 'http://p:3128'}\nhosts:\n  - {name: h, address: h.lab}\n");
        String overlay = HostRenderer.withDefaultTemplates()
                .render(spec, spec.hosts().get(0), "https://g", java.util.List.of("192.168.7.7")).stackrcOverlay();
        assertThat(overlay).contains("export no_proxy=localhost,127.0.0.1,::1,h.lab,h,192.168.7.7\n");
    }

    @Test
    void refusesAnUnresolvedGitBase() throws IOException {
        Spec spec = spec("hosts:\n  - {name: h, address: 10.0.0.1}\n");
        assertThatThrownBy(() -> HostRenderer.withDefaultTemplates().render(spec, spec.hosts().get(0), "auto"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
