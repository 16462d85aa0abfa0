package io.provisioner.cli;

import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.SshHostConnector;
import io.provisioner.sandbox.ProxyStandIns;
import io.provisioner.sandbox.SandboxOptions;
import io.provisioner.sandbox.SandboxSession;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecException;
import io.provisioner.spec.SpecLoader;
import io.provisioner.spec.SpecProblem;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code deploy --sandbox}: starts one simulated host per spec host, writes the spec that points at them,
 * and runs the normal deploy over SSH against them. Nothing in the deploy knows it is a sandbox.
 */
final class SandboxDeploy {
    private SandboxDeploy() {
    }

    static int run(DeployCommand cmd, PrintWriter out) {
        Spec userSpec = cmd.specFile != null && cmd.specFile.file() != null ? loadUserSpec(cmd.specFile.file()) : null;
        if (userSpec != null && cmd.sandboxHosts != 1) {
            throw new UserError(ExitCodes.BAD_INPUT, "--sandbox-hosts cannot be combined with -f: the sandbox runs one "
                    + "simulated host per host of " + cmd.specFile.file());
        }
        SandboxOptions options = options(cmd.sandboxHosts, cmd.era, cmd.faults, cmd.keep);
        // with --format json, stdout carries one JSON object and nothing else
        PrintWriter say = cmd.format == OutputFormat.json ? cmd.command.commandLine().getErr() : out;
        try (SandboxSession sandbox = start(userSpec, options)) {
            cmd.closeOnInterrupt(sandbox);
            int hosts = sandbox.lab().hosts().size();
            say.println("sandbox: " + hosts + (hosts == 1 ? " host" : " hosts") + " (DevStack " + options.era()
                    + ", faults: " + cmd.faults + ") in " + sandbox.lab().root()
                    + (cmd.keep ? " (kept; spec " + sandbox.specFile() + ")" : " (removed afterwards; --keep keeps it)"));
            sandbox.describe().forEach(line -> say.println("sandbox: " + line));
            Path state = cmd.stateDir != null ? cmd.stateDir : sandbox.lab().root().resolve(".provisioner");
            FleetReport fleet = cmd.deploy(sandbox.spec(), state, new SshHostConnector(), out);
            return DeployCommand.exitCode(fleet);
        }
    }

    /** The user's spec as written (no ~/.ssh/config: the sandbox gives every host its own SSH settings). */
    static Spec loadUserSpec(Path file) {
        try {
            return SpecLoader.load(file);
        } catch (SpecException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.problems().stream().map(SpecProblem::toString)
                    .collect(Collectors.joining("\nerror: ")));
        }
    }

    static SandboxOptions options(int hosts, String era, String faults, boolean keep) {
        try {
            return new SandboxOptions(hosts, era, Set.of(faults), null, keep);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
    }

    static SandboxSession start(Spec userSpec, SandboxOptions options) {
        try {
            return SandboxSession.start(userSpec, options, ProxyStandIns.Kind.TINYPROXY_OR_JVM);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, (userSpec == null ? "" : userSpec.file() + ": ") + e.getMessage()
                    + " (the Docker lab runs any spec on real paths: see docs/docker.md)");
        } catch (IOException e) {
            throw new UserError(ExitCodes.FAILED, "cannot start the sandbox: " + e.getMessage());
        }
    }
}
