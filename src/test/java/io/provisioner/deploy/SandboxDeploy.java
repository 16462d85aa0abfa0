package io.provisioner.deploy;

import io.provisioner.sandbox.SandboxLab;
import io.provisioner.sandbox.SandboxOptions;
import io.provisioner.sandbox.SandboxSpec;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One in-process deploy onto a simulated DevStack host with the given faults, through the real engine over
 * SSH: the fleet report, the events the console would print and the journal the run wrote.
 */
final class SandboxDeploy {
    record Result(FleetReport fleet, List<DeployEvent> events, List<JournalRecord> journal, Path stateDir) {
        HostReport host() {
            return fleet.hosts().get(0);
        }
    }

    private SandboxDeploy() {
    }

    static Result run(Path dir, String... faults) throws IOException {
        return run(dir, 1, faults);
    }

    /** {@code hosts} simulated hosts: the first the controller, the others compute hosts. */
    static Result run(Path dir, int hosts, String... faults) throws IOException {
        try (SandboxLab lab = SandboxLab.start(new SandboxOptions(hosts, "current", Set.of(faults), null, false))) {
            Path specFile = lab.root().resolve("sandbox.yaml");
            try (InputStream in = SandboxDeploy.class.getResourceAsStream("/io/provisioner/cli/sandbox-spec.yaml")) {
                Files.write(specFile, in.readAllBytes());
            }
            Spec spec = SandboxSpec.replaceHosts(SpecLoader.load(specFile, Map.of()), lab, specFile);
            Path state = dir.resolve("state");
            List<DeployEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
            FleetReport fleet;
            try (Journal journal = Journal.open(state, spec.masker())) {
                DeployRequest request = new DeployRequest(spec, Set.of(), hosts, false, state, null,
                        PreflightOptions.defaults(), journal);
                fleet = new DeployEngine(new SshHostConnector()).deploy(request, events::add);
            }
            return new Result(fleet, List.copyOf(events), Journal.read(state), state);
        }
    }
}
