package io.provisioner.cli;

import io.provisioner.sandbox.SandboxFault;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** What {@code --faults} accepts, for its help text and shell completion: seed, none, all and every fault. */
final class SandboxFaultNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        List<String> names = new ArrayList<>(List.of("seed", "none", "all"));
        for (SandboxFault fault : SandboxFault.values()) {
            names.add(fault.label());
        }
        return names.iterator();
    }
}
