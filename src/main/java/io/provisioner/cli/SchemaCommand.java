package io.provisioner.cli;

import io.provisioner.spec.SpecSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code schema}: prints the JSON Schema of the host spec, for editors and CI. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Prints the JSON Schema (draft 2020-12) of the host spec, for editors and CI.", "Exit 0."})
public final class SchemaCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine().getOut().print(SpecSchema.text());
        command.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
