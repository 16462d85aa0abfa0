package io.provisioner.cli;

import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.SshHostConnector;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code deploy --sandbox}: starts simulated hosts, writes the spec that points at them, and runs the
 * normal deploy over SSH against them. Nothing in the deploy knows it is a sandbox.
 */
final class SandboxDeploy {
    private SandboxDeploy() {
    }

    static int run(DeployCommand cmd, PrintWriter out) {
        SandboxRuntime sandbox = SandboxLoader.load();
        try (SandboxRuntime.Lab lab = start(sandbox, cmd)) {
            cmd.closeOnInterrupt(lab);
            // with --format json, stdout carries one JSON object and nothing else
            PrintWriter say = cmd.format == OutputFormat.json ? cmd.command.commandLine().getErr() : out;
            say.println("sandbox: " + cmd.sandboxHosts + (cmd.sandboxHosts == 1 ? " host" : " hosts") + " (DevStack "
                    + cmd.era + ", faults: " + cmd.faults + ") in " + lab.root()
                    + (cmd.keep ? " (kept)" : " (removed afterwards; --keep keeps it)"));
            Path specFile = lab.root().resolve("sandbox.yaml");
            Spec base = cmd.specFile != null && cmd.specFile.file() != null ? cmd.specFile.load() : defaultSpec(specFile);
            Spec spec = lab.withLabHosts(base, specFile);
            Path state = cmd.stateDir != null ? cmd.stateDir : lab.root().resolve(".provisioner");
            FleetReport fleet = cmd.deploy(spec, state, new SshHostConnector(), out);
            return DeployCommand.exitCode(fleet);
        } catch (IOException e) {
            throw new UserError(ExitCodes.FAILED, "cannot start the sandbox: " + e.getMessage());
        }
    }

    private static SandboxRuntime.Lab start(SandboxRuntime sandbox, DeployCommand cmd) throws IOException {
        try {
            return sandbox.start(cmd.sandboxHosts, cmd.era, Set.of(cmd.faults), cmd.keep);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
    }

    /** The built-in sandbox spec (the article's lab settings), loaded through the normal loader. */
    private static Spec defaultSpec(Path where) throws IOException {
        try (InputStream in = SandboxDeploy.class.getResourceAsStream("/io/provisioner/cli/sandbox-spec.yaml")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("sandbox-spec.yaml missing from the jar"));
            }
            Files.write(where, in.readAllBytes());
        }
        return SpecLoader.load(where, Map.of());
    }
}
