package io.provisioner.plan;

/** The plan for people: one block per host, steps numbered in order. */
public final class PlanText {
    private PlanText() {
    }

    public static String format(Plan plan) {
        StringBuilder sb = new StringBuilder("Plan for ").append(plan.spec()).append(" (dry run, no network)\n");
        int hostNumber = 0;
        for (HostPlan hostPlan : plan.hosts()) {
            sb.append('\n').append(++hostNumber).append(". ").append(hostPlan.host()).append(" (")
                    .append(hostPlan.role()).append(", ").append(hostPlan.address()).append(")\n");
            int i = 0;
            for (PlanStep step : hostPlan.steps()) {
                sb.append("   ").append(hostNumber).append('.').append(++i).append(' ').append(step.name())
                        .append(step.predictable() ? "" : "  [cannot be predicted]").append(": ").append(step.summary())
                        .append('\n');
                for (String command : step.commands()) {
                    sb.append("        $ ").append(command).append('\n');
                }
                for (PlannedFile file : step.files()) {
                    sb.append("        ").append(file.path()).append("  sha256:").append(file.sha256()).append("  ")
                            .append(file.bytes()).append(" bytes, mode ").append(file.mode()).append('\n');
                }
                if (step.note() != null) {
                    sb.append("        note: ").append(step.note()).append('\n');
                }
            }
            sb.append("   fix-ups allowed: ").append(hostPlan.fixupsAllowed().isEmpty() ? "none"
                    : String.join(", ", hostPlan.fixupsAllowed())).append('\n');
            sb.append("   decided only at run time:\n");
            hostPlan.unpredictable().forEach(unknown -> sb.append("     - ").append(unknown).append('\n'));
            hostPlan.warnings().forEach(warning -> sb.append("   warning: ").append(warning).append('\n'));
        }
        sb.append('\n');
        plan.notes().forEach(note -> sb.append("note: ").append(note).append('\n'));
        return sb.toString();
    }
}
