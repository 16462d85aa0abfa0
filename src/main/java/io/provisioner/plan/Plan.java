package io.provisioner.plan;

import java.util.List;

/** A dry run of a deploy: per host in execution order (controller first), what will happen. */
public record Plan(String spec, List<HostPlan> hosts, List<String> notes) {
}
