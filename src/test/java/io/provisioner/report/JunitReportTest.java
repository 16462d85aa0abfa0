package io.provisioner.report;

import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.HostReport;
import io.provisioner.deploy.HostStatus;
import io.provisioner.deploy.StepReport;
import io.provisioner.deploy.StepStatus;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a CI's test tab shows for a host whose stack.sh failed once, and for one that never recovered. */
class JunitReportTest {

    private static StepReport step(String name, int attempt, StepStatus status, String detail) {
        return new StepReport(name, attempt, status, Duration.ofSeconds(3), detail);
    }

    private static HostReport host(String name, HostStatus status, List<StepReport> steps) {
        return HostReport.builder(name, "controller", status).attempts(2).steps(steps)
                .message(status == HostStatus.HEALTHY ? "healthy after 2 runs" : name + " failed: gave up").build();
    }

    private static Document parse(FleetReport fleet) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                JunitReport.render(fleet).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> names(Document doc) {
        NodeList cases = doc.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int index = 0; index < cases.getLength(); index++) {
            names.add(((Element) cases.item(index)).getAttribute("name"));
        }
        return names;
    }

    @Test
    void aHostHealthyAfterARetryPassesTheSuiteAndShowsItsFailedRunAsFlaky() throws Exception {
        HostReport healthy = host("lab1", HostStatus.HEALTHY, List.of(
                step("connect", 1, StepStatus.PASSED, "connected"),
                step("stack", 1, StepStatus.FAILED, "exit 1 after 30 s"),
                step("diagnose", 1, StepStatus.PASSED, "mysql-root-access-denied: ..."),
                step("fixup:mysql-root-password", 1, StepStatus.PASSED, "reset root; verified"),
                step("stack", 2, StepStatus.PASSED, "exit 0 after 31 s"),
                step("verify", 2, StepStatus.PASSED, "14 endpoints, 14 healthy")));

        Document doc = parse(new FleetReport("r1", List.of(healthy), Duration.ofMinutes(1)));

        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
        assertThat(names(doc)).doesNotHaveDuplicates().contains("stack (attempt 2)").doesNotContain("stack");
        NodeList flaky = doc.getElementsByTagName("flakyFailure");
        assertThat(flaky.getLength()).isEqualTo(1);
        Element outlived = (Element) flaky.item(0).getParentNode();
        assertThat(outlived.getAttribute("name")).isEqualTo("stack (attempt 2)");
        assertThat(((Element) flaky.item(0)).getAttribute("message")).contains("stack (attempt 1)", "exit 1");
    }

    @Test
    void aHostThatNeverRecoveredCountsEveryFailedRunUnderItsOwnName() throws Exception {
        HostReport failed = host("lab1", HostStatus.FAILED, List.of(
                step("stack", 1, StepStatus.FAILED, "exit 1 after 30 s"),
                step("fixup:unstack", 1, StepStatus.PASSED, "stopped units"),
                step("stack", 2, StepStatus.FAILED, "exit 1 after 30 s")));

        Document doc = parse(new FleetReport("r1", List.of(failed), Duration.ofMinutes(1)));

        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("2");
        assertThat(names(doc)).containsExactly("stack (attempt 1)", "fixup:unstack (attempt 1)", "stack (attempt 2)");
        assertThat(doc.getElementsByTagName("flakyFailure").getLength()).isZero();
    }

    @Test
    void theJsonReportSaysFailedForAFailedRun() {
        HostReport failed = host("lab1", HostStatus.FAILED, List.of(step("stack", 1, StepStatus.FAILED, "exit 1")));

        String json = JsonReport.render(new FleetReport("r1", List.of(failed), Duration.ofMinutes(1)));

        assertThat(json).contains("\"step\" : \"stack\"").contains("\"status\" : \"failed\"")
                .doesNotContain("\"status\" : \"passed\"");
    }
}
