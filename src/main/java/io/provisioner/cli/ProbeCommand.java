package io.provisioner.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until this command lands; owned by the issue that builds it. */
@Command(name = "probe", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class ProbeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError(ExitCodes.FAILED, "'probe' is not implemented yet");
    }
}
