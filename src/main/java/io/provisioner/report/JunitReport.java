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
        for (HostReport h : fleet.hosts()) {
            List<TestCase> cases = cases(h);
            suites.add(cases);
            tests += Math.max(1, cases.size());
            failures += (int) cases.stream().filter(c -> c.step().status() == StepStatus.FAILED).count();
        }
        sb.append(String.format(Locale.ROOT, "<testsuites name=\"devstack-provisioner\" tests=\"%d\" failures=\"%d\""
                + " time=\"%.3f\">%n", tests, failures, fleet.took().toMillis() / 1000.0));
        for (int index = 0; index < fleet.hosts().size(); index++) {
            HostReport h = fleet.hosts().get(index);
            List<TestCase> cases = suites.get(index);
            long hostFailures = cases.stream().filter(c -> c.step().status() == StepStatus.FAILED).count();
            long skipped = cases.stream().filter(c -> c.step().status() == StepStatus.SKIPPED).count();
            double time = h.steps().stream().mapToLong(s -> s.took().toMillis()).sum() / 1000.0;
            sb.append(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" skipped=\"%d\""
                    + " time=\"%.3f\">%n", xml(h.host()), Math.max(1, cases.size()), hostFailures, skipped, time));
            if (cases.isEmpty()) {
                sb.append("    <testcase classname=\"").append(xml(h.host())).append("\" name=\"deploy\">\n");
                sb.append("      <skipped message=\"").append(xml(h.message())).append("\"/>\n    </testcase>\n");
            }
            for (TestCase c : cases) {
                StepReport s = c.step();
                sb.append(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">",
                        xml(h.host()), xml(name(s)), s.took().toMillis() / 1000.0));
                switch (s.status()) {
                    case FAILED -> sb.append("\n      <failure message=\"").append(xml(s.detail())).append("\">")
                            .append(xml(failureBody(h, s))).append("</failure>\n    ");
                    case SKIPPED -> sb.append("<skipped message=\"").append(xml(s.detail())).append("\"/>");
                    default -> {
                        for (StepReport earlier : c.flaky()) {
                            sb.append("\n      <flakyFailure message=\"").append(xml(name(earlier) + ": "
                                    + earlier.detail())).append("\" type=\"").append(xml(earlier.step()))
                                    .append("\"><stackTrace>").append(xml(earlier.detail()))
                                    .append("</stackTrace></flakyFailure>");
                        }
                        sb.append(c.flaky().isEmpty() ? "" : "\n      ").append("<system-out>").append(xml(s.detail()))
                                .append("</system-out>").append(c.flaky().isEmpty() ? "" : "\n    ");
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
    private static List<TestCase> cases(HostReport h) {
        List<TestCase> cases = new ArrayList<>();
        boolean healthy = h.status() == HostStatus.HEALTHY;
        List<StepReport> pending = new ArrayList<>();
        for (StepReport s : h.steps()) {
            if (healthy && s.status() == StepStatus.FAILED) {
                pending.add(s);
                continue;
            }
            List<StepReport> outlived = new ArrayList<>();
            if (s.status() != StepStatus.FAILED && s.status() != StepStatus.SKIPPED) {
                pending.removeIf(earlier -> earlier.step().equals(s.step()) && outlived.add(earlier));
            }
            cases.add(new TestCase(s, outlived));
        }
        if (!pending.isEmpty()) {
            int last = cases.size() - 1;
            while (last >= 0 && cases.get(last).step().status() == StepStatus.FAILED) {
                last--;
            }
            if (last < 0) {
                pending.forEach(s -> cases.add(new TestCase(s, List.of())));
            } else {
                List<StepReport> outlived = new ArrayList<>(cases.get(last).flaky());
                outlived.addAll(pending);
                cases.set(last, new TestCase(cases.get(last).step(), outlived));
            }
        }
        return cases;
    }

    /** Unique per host: the step and its attempt ({@code stack (attempt 2)}); fix-ups before the first run say preflight. */
    static String name(StepReport s) {
        return s.step() + (s.attempt() <= 0 ? " (preflight)" : " (attempt " + s.attempt() + ")");
    }

    private static String failureBody(HostReport h, StepReport s) {
        return h.message() == null ? s.detail() : h.message();
    }

    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
