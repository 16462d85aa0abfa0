package io.provisioner.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until this command lands; owned by the issue that builds it. */
@Command(name = "unstack", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class UnstackCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError(ExitCodes.FAILED, "'unstack' is not implemented yet");
    }
}
