package io.provisioner.plan;

import java.util.List;

/**
 * One host's part of a {@link Plan}. {@code unpredictable} names what cannot be known before running
 * (GIT_BASE when auto, which fix-ups a failure triggers, ...).
 */
public record HostPlan(String host, String address, String role, List<PlanStep> steps, List<String> fixupsAllowed,
                       List<String> unpredictable, List<String> warnings) {
}
