package io.provisioner.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What {@code --faults} accepts, for its help text and shell completion: seed, none, all and every fault. The
 * faults are the sandbox's, asked through {@link SandboxLoader}: the shaded provisioner.jar does not carry the
 * sandbox's classes (naming SandboxFault here made {@code deploy --help} fail with NoClassDefFoundError).
 * Without provisioner-sandbox.jar the help names the three words only.
 */
final class SandboxFaultNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        List<String> names = new ArrayList<>(List.of("seed", "none", "all"));
        try {
            names.addAll(SandboxLoader.load().faultNames());
        } catch (UserError e) {
            // no sandbox jar beside provisioner.jar: --sandbox says so when it is used
        }
        return names.iterator();
    }
}
