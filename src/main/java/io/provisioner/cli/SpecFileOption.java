package io.provisioner.cli;

import io.provisioner.deploy.SshConfigDefaults;
import io.provisioner.remote.Connector;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecException;
import io.provisioner.spec.SpecLoader;
import io.provisioner.spec.SpecProblem;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** {@code -f SPEC}: loads and validates the host spec; every problem becomes one line, exit 2. */
public final class SpecFileOption {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC", description = "The host spec (YAML).")
    Path file;

    public Path file() {
        return file;
    }

    /** The SSH fields the spec left out, from this user's {@code ~/.ssh/config} (see {@link SshConfigDefaults}). */
    static Spec withSshConfig(Spec spec) {
        Connector sshConfig;
        try {
            sshConfig = new Connector();
        } catch (UncheckedIOException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
        return SshConfigDefaults.apply(spec, sshConfig);
    }

    public Spec load() {
        try {
            return withSshConfig(SpecLoader.load(file));
        } catch (SpecException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.problems().stream().map(SpecProblem::toString)
                    .collect(Collectors.joining("\nerror: ")));
        }
    }
}
