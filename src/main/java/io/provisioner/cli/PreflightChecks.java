package io.provisioner.cli;

import io.provisioner.deploy.PreflightOptions;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Turns {@code --skip-check} names into preflight options, refusing names that are not checks. */
final class PreflightChecks {
    private PreflightChecks() {
    }

    static PreflightOptions options(List<String> skip) {
        for (String name : skip) {
            if (!PreflightOptions.CHECKS.contains(name)) {
                throw new UserError(ExitCodes.BAD_INPUT, "--skip-check " + name + ": no such check; checks are "
                        + String.join(", ", new TreeSet<>(PreflightOptions.CHECKS)));
            }
        }
        return PreflightOptions.defaults().skipping(Set.copyOf(skip));
    }
}
