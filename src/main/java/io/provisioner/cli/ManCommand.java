package io.provisioner.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code man}: the manual page (roff), written from the same annotations as {@code --help}. */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = {"Prints the manual page in roff, for man(1).",
                "Install: provisioner man > ~/.local/share/man/man1/provisioner.1, then man provisioner.",
                "Exit 0."})
public final class ManCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        CommandLine root = command.root().commandLine();
        command.commandLine().getOut().print(ManPage.of(root, new VersionProvider().getVersion()[0]));
        command.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
