package io.provisioner.plan;

import java.util.List;

/**
 * One step of a host's deploy: {@code connect}, {@code preflight}, {@code prepare}, {@code upload-local-conf},
 * {@code apply-stackrc-overlay}, {@code stack}, {@code verify}. {@code predictable} is false when the
 * outcome or the exact content depends on what a run finds (explained in {@code note}).
 */
public record PlanStep(String name, String summary, List<String> commands, List<PlannedFile> files,
                       boolean predictable, String note) {
}
