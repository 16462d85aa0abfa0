package io.provisioner.deploy;

import io.provisioner.diagnose.Diagnosis;
import io.provisioner.spec.Host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one clear paragraph a person reads when a host failed: what broke and where, why, what the deploy
 * already tried, and what to do now.
 */
final class FailureParagraph {
    private FailureParagraph() {
    }

    static String write(Host host, Diagnosis diagnosis, String why, List<String> tried, int attempts) {
        StringBuilder sb = new StringBuilder();
        sb.append(host.name()).append(" (").append(host.role().label()).append(") failed: ").append(why).append('.');
        if (diagnosis != null && diagnosis.category() != null) {
            sb.append(" The last stack.sh run failed with ").append(diagnosis.category());
            if (diagnosis.failedStep() != null) {
                sb.append(" in ").append(diagnosis.failedStep().file()).append(':').append(diagnosis.failedStep().function())
                        .append(':').append(diagnosis.failedStep().line());
            }
            sb.append(": ").append(diagnosis.summary());
            if (!diagnosis.summary().endsWith(".")) {
                sb.append('.');
            }
        }
        sb.append(" Already tried: ");
        if (tried.isEmpty()) {
            sb.append("no fix-ups");
        } else {
            sb.append("fix-ups ").append(counted(tried));
        }
        sb.append(", ").append(attempts == 0 ? "no" : String.valueOf(attempts)).append(attempts == 1 ? " run" : " runs")
                .append(" of stack.sh.");
        if (diagnosis != null && !diagnosis.fixups().isEmpty() && !host.fixups().auto()) {
            sb.append(" Allow ").append(String.join(", ", diagnosis.fixups())).append(" under fixups: in the spec, or run")
                    .append(" 'provisioner fixup ").append(diagnosis.fixups().get(0)).append(" --host ").append(host.name())
                    .append("' yourself.");
        } else if (diagnosis != null) {
            sb.append(" See the log, fix the cause, then run 'provisioner deploy --resume'.");
        }
        return sb.toString();
    }

    /** "unstack (2 times), mysql-root-password": a fix-up run before each retry is named once, with its count. */
    static String counted(List<String> tried) {
        Map<String, Integer> times = new LinkedHashMap<>();
        tried.forEach(name -> times.merge(name, 1, Integer::sum));
        List<String> named = new ArrayList<>();
        times.forEach((name, count) -> named.add(count == 1 ? name : name + " (" + count + " times)"));
        return String.join(", ", named);
    }
}
