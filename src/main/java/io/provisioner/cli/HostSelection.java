package io.provisioner.cli;

import io.provisioner.spec.Spec;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code --host H} (repeatable, or comma-separated): limit a command to some of the spec's hosts. */
public final class HostSelection {
    @Option(names = "--host", split = ",", paramLabel = "HOST", description = "Only these hosts, by name (repeatable or comma-separated).")
    List<String> names = new ArrayList<>();

    public List<String> names() {
        return names;
    }

    /** Every named host must exist in the spec: a typo must not silently deploy nothing. */
    public void check(Spec spec) {
        for (String name : names) {
            if (spec.host(name).isEmpty()) {
                List<String> known = spec.hosts().stream().map(host -> host.name()).toList();
                throw new UserError(ExitCodes.BAD_INPUT, "--host " + name + ": no such host in " + spec.file()
                        + "; hosts are " + String.join(", ", known));
            }
        }
    }
}
