package io.provisioner.cli;

import io.provisioner.spec.Host;
import io.provisioner.spec.IdentityFiles;
import io.provisioner.spec.PasswordAdvice;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecException;
import io.provisioner.spec.SpecWarnings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code validate -f SPEC}: checks the spec and resolves its secret references. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a host spec and resolves its secret references; prints every problem as FILE:LINE:COL.",
                "Exit 0 valid, 2 invalid."})
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    SpecFileOption specFile;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        Spec spec = specFile.read();
        try {
            IdentityFiles.check(spec);
        } catch (SpecException e) {
            throw SpecFileOption.problems(e);
        }
        out.println(specFile.file() + ": valid, " + spec.hosts().size() + (spec.hosts().size() == 1 ? " host" : " hosts"));
        // one column each for name, role and address, as wide as its longest entry
        int nameWidth = spec.hosts().stream().mapToInt(host -> host.name().length()).max().orElse(0);
        int roleWidth = spec.hosts().stream().mapToInt(host -> host.role().label().length()).max().orElse(0);
        for (Host host : spec.executionOrder()) {
            out.println(String.format("  %-" + nameWidth + "s  %-" + roleWidth + "s  %s", host.name(), host.role().label(),
                    host.address()));
        }
        // warnings leave the spec valid (exit 0); they go to stderr, named by the spec file, like problems
        PrintWriter err = command.commandLine().getErr();
        SpecWarnings.of(spec).forEach(warning -> err.println(specFile.file() + ": warning: " + warning));
        PasswordAdvice.warnings(spec).forEach(warning -> err.println(specFile.file() + ": warning: " + warning));
        return ExitCodes.OK;
    }
}
