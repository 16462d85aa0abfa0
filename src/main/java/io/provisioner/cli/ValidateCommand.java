package io.provisioner.cli;

import io.provisioner.spec.Host;
import io.provisioner.spec.PasswordAdvice;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecException;
import io.provisioner.spec.SpecLoader;
import io.provisioner.spec.SpecProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code validate -f SPEC}: checks the spec and resolves its secret references. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a host spec and resolves its secret references; prints every problem as FILE:LINE:COL.")
public final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC", description = "the host spec (YAML)")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        try {
            Spec spec = SpecLoader.load(file);
            out.println(file + ": valid, " + spec.hosts().size() + (spec.hosts().size() == 1 ? " host" : " hosts"));
            for (Host h : spec.executionOrder()) {
                out.println("  " + h.name() + "  " + h.role().label() + "  " + h.address());
            }
            // weak passwords are a warning, not an error: the spec is valid
            PasswordAdvice.warnings(spec).forEach(w -> command.commandLine().getErr().println(file + ": warning: " + w));
            return ExitCodes.OK;
        } catch (SpecException e) {
            return printProblems(e, command.commandLine().getErr());
        }
    }

    /** Prints each problem on its own line; the exit code for a bad spec. Shared by render and plan. */
    static int printProblems(SpecException e, PrintWriter err) {
        for (SpecProblem p : e.problems()) {
            err.println(p);
        }
        err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + " found; nothing was done");
        return ExitCodes.BAD_INPUT;
    }
}
