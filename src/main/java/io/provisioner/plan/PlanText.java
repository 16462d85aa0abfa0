package io.provisioner.plan;

/** The plan for people: one block per host, steps numbered in order. */
public final class PlanText {
    private PlanText() {
    }

    public static String format(Plan plan) {
        StringBuilder sb = new StringBuilder("Plan for ").append(plan.spec()).append(" (dry run, no network)\n");
        int n = 0;
        for (HostPlan h : plan.hosts()) {
            sb.append('\n').append(++n).append(". ").append(h.host()).append(" (").append(h.role()).append(", ")
                    .append(h.address()).append(")\n");
            int i = 0;
            for (PlanStep s : h.steps()) {
                sb.append("   ").append(n).append('.').append(++i).append(' ').append(s.name())
                        .append(s.predictable() ? "" : "  [cannot be predicted]").append(": ").append(s.summary())
                        .append('\n');
                for (String c : s.commands()) {
                    sb.append("        $ ").append(c).append('\n');
                }
                for (PlannedFile f : s.files()) {
                    sb.append("        ").append(f.path()).append("  sha256:").append(f.sha256()).append("  ")
                            .append(f.bytes()).append(" bytes, mode ").append(f.mode()).append('\n');
                }
                if (s.note() != null) {
                    sb.append("        note: ").append(s.note()).append('\n');
                }
            }
            sb.append("   fix-ups allowed: ").append(h.fixupsAllowed().isEmpty() ? "none"
                    : String.join(", ", h.fixupsAllowed())).append('\n');
            sb.append("   decided only at run time:\n");
            h.unpredictable().forEach(u -> sb.append("     - ").append(u).append('\n'));
            h.warnings().forEach(w -> sb.append("   warning: ").append(w).append('\n'));
        }
        sb.append('\n');
        plan.notes().forEach(note -> sb.append("note: ").append(note).append('\n'));
        return sb.toString();
    }
}
