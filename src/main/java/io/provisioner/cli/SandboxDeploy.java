package io.provisioner.cli;

import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.SshHostConnector;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecException;
import io.provisioner.spec.SpecLoader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code deploy --sandbox}: starts one simulated host per spec host, writes the spec that points at them,
 * and runs the normal deploy over SSH against them. Nothing in the deploy knows it is a sandbox. The sandbox
 * itself comes through {@link SandboxLoader} (its own jar).
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
        // with --format json, stdout carries one JSON object and nothing else
        PrintWriter say = cmd.format == OutputFormat.json ? cmd.command.commandLine().getErr() : out;
        try (SandboxRuntime.Session sandbox = start(userSpec, cmd.sandboxHosts, cmd.era, cmd.faults, cmd.keep)) {
            cmd.closeOnInterrupt(sandbox);
            int hosts = sandbox.spec().hosts().size();
            say.println("sandbox: " + hosts + (hosts == 1 ? " host" : " hosts") + " (DevStack " + cmd.era
                    + ", faults: " + cmd.faults + ") in " + sandbox.root()
                    + (cmd.keep ? " (kept; spec " + sandbox.specFile() + ")" : " (removed afterwards; --keep keeps it)"));
            sandbox.describe().forEach(line -> say.println("sandbox: " + line));
            Path state = cmd.stateDir != null ? cmd.stateDir : sandbox.root().resolve(".provisioner");
            FleetReport fleet = cmd.deploy(sandbox.spec(), state, new SshHostConnector(), out);
            return DeployCommand.exitCode(fleet);
        }
    }

    /** The user's spec as written (no ~/.ssh/config: the sandbox gives every host its own SSH settings). */
    static Spec loadUserSpec(Path file) {
        try {
            return SpecLoader.load(file);
        } catch (SpecException e) {
            throw SpecFileOption.problems(e);
        }
    }

    /** Starts the sandbox for a spec (null: the built-in one); bad options and specs are exit 2, in one line. */
    static SandboxRuntime.Session start(Spec userSpec, int hosts, String era, String faults, boolean keep) {
        try {
            return SandboxLoader.load().startFor(userSpec, hosts, era, Set.of(faults), keep, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, (userSpec == null ? "" : userSpec.file() + ": ") + e.getMessage()
                    + (userSpec == null ? "" : " (the Docker lab runs any spec on real paths: see docs/docker.md)"));
        } catch (IOException e) {
            throw new UserError(ExitCodes.FAILED, "cannot start the sandbox: " + e.getMessage());
        }
    }
}
