package io.provisioner.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until this command lands; owned by the issue that builds it. */
@Command(name = "deploy", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class DeployCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError(ExitCodes.FAILED, "'deploy' is not implemented yet");
    }
}
