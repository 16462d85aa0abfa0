package io.provisioner.deploy;

import io.provisioner.diagnose.Diagnosis;
import io.provisioner.spec.Host;

import java.util.List;

/**
 * The one clear paragraph a person reads when a host failed: what broke and where, why, what the deploy
 * already tried, and what to do now.
 */
final class FailureParagraph {
    private FailureParagraph() {
    }

    static String write(Host host, Diagnosis d, String why, List<String> tried, int attempts) {
        StringBuilder sb = new StringBuilder();
        sb.append(host.name()).append(" (").append(host.role().label()).append(") failed: ").append(why).append('.');
        if (d != null && d.category() != null) {
            sb.append(" The last stack.sh run failed with ").append(d.category());
            if (d.failedStep() != null) {
                sb.append(" in ").append(d.failedStep().file()).append(':').append(d.failedStep().function())
                        .append(':').append(d.failedStep().line());
            }
            sb.append(": ").append(d.summary());
            if (!d.summary().endsWith(".")) {
                sb.append('.');
            }
        }
        sb.append(" Already tried: ");
        if (tried.isEmpty()) {
            sb.append("no fix-ups");
        } else {
            sb.append("fix-ups ").append(String.join(", ", tried));
        }
        sb.append(", ").append(attempts == 0 ? "no" : String.valueOf(attempts)).append(attempts == 1 ? " run" : " runs")
                .append(" of stack.sh.");
        if (d != null && !d.fixups().isEmpty() && !host.fixups().auto()) {
            sb.append(" Allow ").append(String.join(", ", d.fixups())).append(" under fixups: in the spec, or run")
                    .append(" 'provisioner fixup ").append(d.fixups().get(0)).append(" --host ").append(host.name())
                    .append("' yourself.");
        } else if (d != null) {
            sb.append(" See the log, fix the cause, then run 'provisioner deploy --resume'.");
        }
        return sb.toString();
    }
}
