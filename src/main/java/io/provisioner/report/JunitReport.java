package io.provisioner.report;

import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.HostReport;
import io.provisioner.deploy.HostStatus;
import io.provisioner.deploy.StepReport;
import io.provisioner.deploy.StepStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JUnit XML for a CI's test tab: one test suite per host, one test case per host step and attempt; a host
 * that ended healthy shows its failed attempts as Surefire's {@code flakyFailure}.
 */
public final class JunitReport {
    private JunitReport() {
    }

    public static String render(FleetReport fleet) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        List<List<TestCase>> suites = new ArrayList<>();
        int tests = 0;
        int failures = 0;
        for (HostReport host : fleet.hosts()) {
            List<TestCase> cases = cases(host);
            suites.add(cases);
            tests += Math.max(1, cases.size());
            failures += (int) cases.stream().filter(testCase -> testCase.step().status() == StepStatus.FAILED).count();
        }
        sb.append(String.format(Locale.ROOT, "<testsuites name=\"devstack-provisioner\" tests=\"%d\" failures=\"%d\""
                + " time=\"%.3f\">%n", tests, failures, fleet.took().toMillis() / 1000.0));
        for (int index = 0; index < fleet.hosts().size(); index++) {
            HostReport host = fleet.hosts().get(index);
            List<TestCase> cases = suites.get(index);
            long hostFailures = cases.stream().filter(testCase -> testCase.step().status() == StepStatus.FAILED).count();
            long skipped = cases.stream().filter(testCase -> testCase.step().status() == StepStatus.SKIPPED).count();
            double time = host.steps().stream().mapToLong(step -> step.took().toMillis()).sum() / 1000.0;
            sb.append(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" skipped=\"%d\""
                    + " time=\"%.3f\">%n", xml(host.host()), Math.max(1, cases.size()), hostFailures, skipped, time));
            if (cases.isEmpty()) {
                sb.append("    <testcase classname=\"").append(xml(host.host())).append("\" name=\"deploy\">\n");
                sb.append("      <skipped message=\"").append(xml(host.message())).append("\"/>\n    </testcase>\n");
            }
            for (TestCase testCase : cases) {
                StepReport step = testCase.step();
                sb.append(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">",
                        xml(host.host()), xml(name(step)), step.took().toMillis() / 1000.0));
                switch (step.status()) {
                    case FAILED -> sb.append("\n      <failure message=\"").append(xml(step.detail())).append("\">")
                            .append(xml(failureBody(host, step))).append("</failure>\n    ");
                    case SKIPPED -> sb.append("<skipped message=\"").append(xml(step.detail())).append("\"/>");
                    default -> {
                        for (StepReport earlier : testCase.flaky()) {
                            sb.append("\n      <flakyFailure message=\"").append(xml(name(earlier) + ": "
                                    + earlier.detail())).append("\" type=\"").append(xml(earlier.step()))
                                    .append("\"><stackTrace>").append(xml(earlier.detail()))
                                    .append("</stackTrace></flakyFailure>");
                        }
                        sb.append(testCase.flaky().isEmpty() ? "" : "\n      ").append("<system-out>")
                                .append(xml(step.detail())).append("</system-out>")
                                .append(testCase.flaky().isEmpty() ? "" : "\n    ");
                    }
                }
                sb.append("</testcase>\n");
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    /** A test case: one step of one attempt, with the failed earlier attempts it outlived (healthy hosts). */
    private record TestCase(StepReport step, List<StepReport> flaky) {
    }

    /**
     * One case per step and attempt. On a host that ended healthy, a failed attempt did not fail the
     * deploy: it is folded, as Surefire's {@code flakyFailure}, into the next passing run of the same step
     * (or the host's last passing step), so a CI shows it without failing the suite.
     */
    private static List<TestCase> cases(HostReport host) {
        List<TestCase> cases = new ArrayList<>();
        boolean healthy = host.status() == HostStatus.HEALTHY;
        List<StepReport> pending = new ArrayList<>();
        for (StepReport step : host.steps()) {
            if (healthy && step.status() == StepStatus.FAILED) {
                pending.add(step);
                continue;
            }
            List<StepReport> outlived = new ArrayList<>();
            if (step.status() != StepStatus.FAILED && step.status() != StepStatus.SKIPPED) {
                pending.removeIf(earlier -> earlier.step().equals(step.step()) && outlived.add(earlier));
            }
            cases.add(new TestCase(step, outlived));
        }
        if (!pending.isEmpty()) {
            int last = cases.size() - 1;
            while (last >= 0 && cases.get(last).step().status() == StepStatus.FAILED) {
                last--;
            }
            if (last < 0) {
                pending.forEach(step -> cases.add(new TestCase(step, List.of())));
            } else {
                List<StepReport> outlived = new ArrayList<>(cases.get(last).flaky());
                outlived.addAll(pending);
                cases.set(last, new TestCase(cases.get(last).step(), outlived));
            }
        }
        return cases;
    }

    /** Unique per host: the step and its attempt ({@code stack (attempt 2)}); fix-ups before the first run say preflight. */
    static String name(StepReport step) {
        return step.step() + (step.attempt() <= 0 ? " (preflight)" : " (attempt " + step.attempt() + ")");
    }

    private static String failureBody(HostReport host, StepReport step) {
        return host.message() == null ? step.detail() : host.message();
    }

    static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\t') {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
