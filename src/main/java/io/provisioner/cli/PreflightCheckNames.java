package io.provisioner.cli;

import io.provisioner.deploy.PreflightOptions;

import java.util.Iterator;
import java.util.TreeSet;

/** The preflight check names {@code --skip-check} accepts, for help and shell completion. */
final class PreflightCheckNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return new TreeSet<>(PreflightOptions.CHECKS).iterator();
    }
}
