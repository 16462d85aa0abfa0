package io.provisioner.report;

import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.HostReport;
import io.provisioner.deploy.StepReport;
import io.provisioner.deploy.StepStatus;

import java.util.Locale;

/** JUnit XML for a CI's test tab: one test suite per host, one test case per host step. */
public final class JunitReport {
    private JunitReport() {
    }

    public static String render(FleetReport fleet) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int tests = 0;
        int failures = 0;
        for (HostReport h : fleet.hosts()) {
            tests += Math.max(1, h.steps().size());
            failures += (int) h.steps().stream().filter(s -> s.status() == StepStatus.FAILED).count();
        }
        sb.append(String.format(Locale.ROOT, "<testsuites name=\"devstack-provisioner\" tests=\"%d\" failures=\"%d\""
                + " time=\"%.3f\">%n", tests, failures, fleet.took().toMillis() / 1000.0));
        for (HostReport h : fleet.hosts()) {
            long hf = h.steps().stream().filter(s -> s.status() == StepStatus.FAILED).count();
            long hs = h.steps().stream().filter(s -> s.status() == StepStatus.SKIPPED).count();
            double time = h.steps().stream().mapToLong(s -> s.took().toMillis()).sum() / 1000.0;
            sb.append(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" skipped=\"%d\""
                    + " time=\"%.3f\">%n", xml(h.host()), Math.max(1, h.steps().size()), hf, hs, time));
            if (h.steps().isEmpty()) {
                sb.append("    <testcase classname=\"").append(xml(h.host())).append("\" name=\"deploy\">\n");
                sb.append("      <skipped message=\"").append(xml(h.message())).append("\"/>\n    </testcase>\n");
            }
            for (StepReport s : h.steps()) {
                String name = s.attempt() > 1 ? s.step() + " (attempt " + s.attempt() + ")" : s.step();
                sb.append(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">",
                        xml(h.host()), xml(name), s.took().toMillis() / 1000.0));
                switch (s.status()) {
                    case FAILED -> sb.append("\n      <failure message=\"").append(xml(s.detail())).append("\">")
                            .append(xml(failureBody(h, s))).append("</failure>\n    ");
                    case SKIPPED -> sb.append("<skipped message=\"").append(xml(s.detail())).append("\"/>");
                    default -> sb.append("<system-out>").append(xml(s.detail())).append("</system-out>");
                }
                sb.append("</testcase>\n");
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
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
