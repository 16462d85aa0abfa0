package io.provisioner.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until this command lands; owned by the issue that builds it. */
@Command(name = "render", mixinStandardHelpOptions = true, description = "(not yet implemented)")
public final class RenderCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError(ExitCodes.FAILED, "'render' is not implemented yet");
    }
}
