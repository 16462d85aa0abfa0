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
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@code -f SPEC}, declared here once for every command: loads and validates the host spec; every problem is one line, exit 2. */
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

    /** The spec with what {@code ~/.ssh/config} adds: for commands that connect or show how they would. */
    public Spec load() {
        return withSshConfig(read());
    }

    /**
     * For commands that read the journal and probe ports but never use a secret (history, status): as {@link
     * #load()}, with env: and file: secrets not looked up, so a person without them can run these.
     */
    public Spec loadWithoutSecrets() {
        return withSshConfig(problemsAreUserErrors(() -> SpecLoader.loadWithoutSecrets(file, System.getenv())));
    }

    /** The spec as written (validate, render: no SSH involved). */
    public Spec read() {
        return problemsAreUserErrors(() -> SpecLoader.load(file));
    }

    private static Spec problemsAreUserErrors(Supplier<Spec> loading) {
        try {
            return loading.get();
        } catch (SpecException e) {
            throw problems(e);
        }
    }

    /** Every problem of a spec, one line each, and their count when there are several: the one form every command uses. */
    static UserError problems(SpecException e) {
        int count = e.problems().size();
        return new UserError(ExitCodes.BAD_INPUT, e.problems().stream().map(SpecProblem::toString)
                .collect(Collectors.joining("\nerror: ")) + (count == 1 ? "" : "\n" + count + " problems found; nothing was done"));
    }
}
