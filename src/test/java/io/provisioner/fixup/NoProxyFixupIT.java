package io.provisioner.fixup;

import com.sun.net.httpserver.HttpServer;
import io.provisioner.lab.FreePort;
import io.provisioner.lab.Tinyproxy;
import io.provisioner.render.HostRenderer;
import io.provisioner.render.StackrcOverlay;
import io.provisioner.spec.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NoProxyFixupIT {
    private static final String TREE_STACKRC = "GIT_BASE=${GIT_BASE:-https://opendev.org}\n";

    @TempDir
    Path root;

    @Test
    void addsTheHostIpDevstackUsedSoKeystoneIsReachedDirectly() throws Exception {
        Tinyproxy.require();
        HttpServer keystone = HttpServer.create(new InetSocketAddress("127.0.0.2", FreePort.on("127.0.0.2")), 0);
        keystone.createContext("/identity", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        keystone.start();
        // the corporate proxy cannot reach lab addresses: its upstream is dead
        try (Tinyproxy proxy = Tinyproxy.builder().config("Upstream http 127.0.0.1:" + FreePort.any()).start()) {
            Host host = TestHosts.withProxy(TestHosts.host(root, "root"), proxy.url());
            Path devstack = Files.createDirectories(root.resolve("opt/stack/devstack"));
            FixupContext ctx0 = TestHosts.context(host, new LocalTestShell(), Map.of());
            String overlay = HostRenderer.withDefaultTemplates().render(ctx0.spec(), host, "https://opendev.org").stackrcOverlay();
            Files.writeString(devstack.resolve("stackrc"), StackrcOverlay.applyTo(TREE_STACKRC, overlay));
            Files.writeString(devstack.resolve(".stackenv"), "DEST=/opt/stack\nHOST_IP=127.0.0.2\nSERVICE_HOST=127.0.0.2\n");
            String url = "http://127.0.0.2:" + keystone.getAddress().getPort() + "/identity";
            FixupContext ctx = TestHosts.context(host, new LocalTestShell(), Map.of("probe_url", url));
            NoProxyFixup fixup = new NoProxyFixup();
            assertThat(fixup.verify(ctx).detail()).as("symptom before").contains("lacks 127.0.0.2");
            String viaOverlay = "eval \"$(sed -n '/^# BEGIN/,/^# END/p' " + devstack.resolve("stackrc") + ")\"; "
                    + "curl -s -o /dev/null -w '%{http_code}' " + url;
            assertThat(new LocalTestShell().run(io.provisioner.remote.RemoteCommand.of("bash", "-c", viaOverlay)).stdout())
                    .as("through the proxy before the fix").isNotEqualTo("200");

            Detection d = fixup.detect(ctx);
            FixupReport first = new FixupRunner().run(fixup, ctx, false);
            FixupReport second = new FixupRunner().run(fixup, ctx, false);

            assertThat(d.found()).isTrue();
            assertThat(d.findings()).singleElement().asString().endsWith("lacks 127.0.0.2");
            assertThat(first.verified()).as(first.detail()).isTrue();
            assertThat(first.detail()).contains("HTTP 200");
            assertThat(second.detected()).isFalse();
            String stackrc = Files.readString(devstack.resolve("stackrc"));
            assertThat(stackrc).startsWith(TREE_STACKRC).contains("export GIT_BASE=https://opendev.org")
                    .containsPattern("export no_proxy=[^\\n]*127\\.0\\.0\\.2").containsPattern("export NO_PROXY=[^\\n]*127\\.0\\.0\\.2");
            assertThat(stackrc.split(StackrcOverlay.BEGIN, -1)).hasSize(2);
        } finally {
            keystone.stop(0);
        }
    }

    @Test
    void withoutAProxyInTheSpecTheHostIpIsStillAddedBecauseTheHostMayHaveOne() throws Exception {
        // the article's proxy came from the host's own environment, not from any file the provisioner writes
        Host host = TestHosts.host(root, "root");
        Path devstack = Files.createDirectories(root.resolve("opt/stack/devstack"));
        FixupContext ctx0 = TestHosts.context(host, new LocalTestShell(), Map.of());
        String overlay = HostRenderer.withDefaultTemplates().render(ctx0.spec(), host, "https://opendev.org").stackrcOverlay();
        Files.writeString(devstack.resolve("stackrc"), StackrcOverlay.applyTo(TREE_STACKRC, overlay));
        Files.writeString(devstack.resolve(".stackenv"), "HOST_IP=127.0.0.9\n");
        FixupContext ctx = TestHosts.context(host, new LocalTestShell(), Map.of());
        NoProxyFixup fixup = new NoProxyFixup();

        FixupReport first = new FixupRunner().run(fixup, ctx, false);
        FixupReport second = new FixupRunner().run(fixup, ctx, false);

        assertThat(first.detected()).isTrue();
        assertThat(first.verified()).as(first.detail()).isTrue();
        assertThat(second.detected()).isFalse();
        assertThat(Files.readString(devstack.resolve("stackrc"))).containsPattern("export no_proxy=[^\\n]*127\\.0\\.0\\.9")
                .doesNotContain("http_proxy");
    }

    @Test
    void withoutADevstackTreeThereIsNothingToDo() throws Exception {
        FixupContext ctx = TestHosts.context(TestHosts.host(root, "root"), new LocalTestShell(), Map.of());
        Detection d = new NoProxyFixup().detect(ctx);
        assertThat(d.found()).isFalse();
        assertThat(d.findings()).singleElement().asString().contains("no DevStack tree yet");
    }
}
