package io.provisioner.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's CI dry-run, as a CI job runs it: the provisioner image, no network at all, the lab directory
 * mounted, a two-host spec behind a proxy, the seed faults; the container exits 0 with both hosts healthy
 * and a JUnit report a CI can publish.
 */
class CiDryRunDockerIT {
    static final String LAB_SPEC = """
            version: 1
            defaults:
              ssh: {user: stack, identity: ~/.ssh/id_ed25519}
              devstack: {repo: https://opendev.org/openstack/devstack, ref: master, dir: /opt/stack/devstack}
              proxy: {http: http://proxy.corp.example:3128, https: http://proxy.corp.example:3128, no_proxy: []}
              git_base: auto
              passwords: {admin: ciadmin, database: cidb, rabbit: cirabbit, service: ciservice}
              services: {enable: [q-svc, q-agt, q-dhcp, q-l3, q-meta, neutron], disable: [n-net]}
              fixups: auto
              retries: 6
            hosts:
              - {name: ctl, address: 10.20.0.11, role: controller}
              - {name: cmp1, address: 10.20.0.12, role: compute}
            """;

    @TempDir
    Path lab;

    @BeforeAll
    @Timeout(value = DockerImages.BUILD_MINUTES, unit = TimeUnit.MINUTES)
    static void images() throws Exception {
        DockerImages.ensureBuilt("provisioner");
    }

    @Test
    void theTwoHostSpecWithAProxyEndsHealthyWithAValidJunitReport() throws Exception {
        Files.writeString(lab.resolve("lab.yaml"), LAB_SPEC);
        // the image runs as a non-root user: it needs to write the report next to the spec
        Files.setPosixFilePermissions(lab, PosixFilePermissions.fromString("rwxrwxrwx"));

        DockerImages.Run run = DockerImages.provisioner("none", lab, 10, "deploy", "--sandbox", "-f", "lab.yaml",
                "--report-dir", "report", "--faults", "seed");
        String out = run.out();
        assertThat(run.exit()).as(out).isZero();

        assertThat(out).contains("2 of 2 hosts healthy").contains("sandbox: proxy proxy.corp.example:3128 -> http://127.0.0.1:");
        JsonNode report = new ObjectMapper().readTree(lab.resolve("report/report.json").toFile());
        Map<String, String> status = new HashMap<>();
        report.get("hosts").forEach(h -> status.put(h.get("name").asText(), h.get("status").asText()));
        assertThat(status).containsEntry("ctl", "healthy").containsEntry("cmp1", "healthy").hasSize(2);

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(lab.resolve("report/junit.xml").toFile());
        Element suites = junit.getDocumentElement();
        assertThat(suites.getTagName()).isIn("testsuites", "testsuite");
        NodeList cases = junit.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isPositive();
        assertThat(junit.getElementsByTagName("failure").getLength()).as(out).isZero();
        assertThat(junit.getElementsByTagName("error").getLength()).isZero();
        String classNames = "";
        for (int i = 0; i < cases.getLength(); i++) {
            classNames += ((Element) cases.item(i)).getAttribute("classname") + " ";
        }
        assertThat(classNames).contains("ctl").contains("cmp1");
    }
}
