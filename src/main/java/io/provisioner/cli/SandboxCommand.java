package io.provisioner.cli;

import io.provisioner.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sandbox}: simulated DevStack hosts to try every runbook verb against. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Runs simulated DevStack hosts to try every runbook verb against (no lab, root or network).",
                "Exit 0 stopped, 1 the sandbox could not start, 2 bad input."},
        subcommands = SandboxCommand.Up.class)
public final class SandboxCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }

    /** {@code sandbox up}: keeps the simulated hosts running in the foreground and writes their spec. */
    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Starts one simulated host per spec host and keeps them running until interrupted (Ctrl-C). "
                    + "Writes a spec pointing at them (printed; --out copies it) for preflight, deploy, status, unstack "
                    + "and fixup. The sandbox directory is removed on exit unless --keep.",
                    "Exit 0 stopped, 1 the sandbox could not start, 2 bad input."})
    public static final class Up implements Callable<Integer> {
        @Option(names = {"-f", "--file"}, paramLabel = "SPEC", description = "The host spec to stand in for (default: one built-in host).")
        Path specFile;

        @Option(names = "--faults", paramLabel = "NAME", defaultValue = "none", completionCandidates = SandboxFaultNames.class,
                description = "The failures the hosts are given, comma-separated: ${COMPLETION-CANDIDATES}; seed is the "
                        + "article's six (default: ${DEFAULT-VALUE}).")
        String faults;

        @Option(names = "--era", paramLabel = "ERA", defaultValue = "current",
                description = "The DevStack to imitate, current or 2016 (default: ${DEFAULT-VALUE}).")
        String era;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the sandbox's spec here.")
        Path out;

        @Option(names = "--keep", description = "Keep the sandbox directory afterwards.")
        boolean keep;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec command;

        /** Never counted down: the sandbox runs until the process is stopped (Ctrl-C, SIGTERM). */
        private final CountDownLatch stop = new CountDownLatch(1);

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter say = command.commandLine().getOut();
            Spec userSpec = specFile == null ? null : SandboxDeploy.loadUserSpec(specFile);
            SandboxRuntime.Session sandbox = SandboxDeploy.start(userSpec, 1, era, faults, keep);
            Thread onExit = new Thread(sandbox::close, "sandbox-up-shutdown");
            Runtime.getRuntime().addShutdownHook(onExit);
            try {
                Path spec = sandbox.specFile();
                if (out != null) {
                    spec = Files.copy(spec, out, StandardCopyOption.REPLACE_EXISTING);
                }
                sandbox.describe().forEach(line -> say.println("sandbox: " + line));
                say.println("sandbox: spec " + spec.toAbsolutePath());
                say.println("sandbox: up (DevStack " + era + ", faults: " + faults + "); try: provisioner deploy -f "
                        + spec + " | status | preflight | unstack --host H | fixup NAME --host H; Ctrl-C stops it");
                say.flush();
                stop.await();
                return ExitCodes.OK;
            } catch (IOException e) {
                throw new UserError(ExitCodes.FAILED, "cannot write the sandbox's spec: " + e.getMessage());
            } finally {
                sandbox.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: the hook closes the sandbox (closing twice is harmless)
                }
            }
        }
    }
}
