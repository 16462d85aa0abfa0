package io.provisioner.cli;

import io.provisioner.deploy.DeployEngine;
import io.provisioner.deploy.DeployRequest;
import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.Journal;
import io.provisioner.deploy.ResumeRefusedException;
import io.provisioner.deploy.SshHostConnector;
import io.provisioner.report.ConsoleProgress;
import io.provisioner.report.FleetSummary;
import io.provisioner.report.JsonReport;
import io.provisioner.report.ReportFiles;
import io.provisioner.spec.IdentityFiles;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code deploy}: the whole job, against the spec's hosts or against embedded sandbox hosts. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Runs the whole job: preflight, prepare, stack.sh, diagnose, fix-ups, retries, verify.",
                "Exit 0 healthy, 1 a host failed, 2 bad input, 3 a host unreachable; 130 (Ctrl-C) or 143 (SIGTERM) "
                        + "when interrupted: stack.sh keeps running on the hosts and 'deploy --resume' re-attaches."})
public final class DeployCommand implements Callable<Integer> {
    /** The options that only mean something with {@code --sandbox}. */
    static final List<String> SANDBOX_ONLY = List.of("--faults", "--sandbox-hosts", "--era", "--keep");

    @picocli.CommandLine.ArgGroup(exclusive = false)
    SpecFileOption specFile;

    @Mixin
    HostSelection hosts;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Hosts deployed at once, 1 or more (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--resume", description = "Continue the last run from its journal; re-attach to a running stack.sh.")
    boolean resume;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Journal and per-host files (default: .provisioner next to the spec).")
    Path stateDir;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write report.json, junit.xml and each host's stack.sh log here.")
    Path reportDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES}; json is one summary object (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--skip-check", paramLabel = "CHECK", split = ",", completionCandidates = PreflightCheckNames.class,
            description = "Preflight checks to skip (repeatable or comma-separated): ${COMPLETION-CANDIDATES}.")
    List<String> skipChecks = List.of();

    @Option(names = "--sandbox", description = "Deploy onto embedded simulated DevStack hosts (no lab, root or network).")
    boolean sandbox;

    @Option(names = "--faults", paramLabel = "NAME", defaultValue = "seed", completionCandidates = SandboxFaultNames.class,
            description = "With --sandbox: the failures the hosts are given, comma-separated: ${COMPLETION-CANDIDATES}; "
                    + "seed is the article's six (default: ${DEFAULT-VALUE}).")
    String faults;

    @Option(names = "--sandbox-hosts", paramLabel = "N", defaultValue = "1",
            description = "With --sandbox: how many simulated hosts, 1 to 16 (default: ${DEFAULT-VALUE}).")
    int sandboxHosts;

    /** The old name of --sandbox-hosts: refused with the new name rather than "did you mean --host". */
    @Option(names = "--hosts", paramLabel = "N", hidden = true, description = "Renamed --sandbox-hosts.")
    String renamedHosts;

    @Option(names = "--era", paramLabel = "ERA", defaultValue = "current",
            description = "With --sandbox: the DevStack to imitate, current or 2016 (default: ${DEFAULT-VALUE}).")
    String era;

    @Option(names = "--keep", description = "With --sandbox: keep the sandbox directory afterwards.")
    boolean keep;

    @Mixin
    VerboseOption verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final List<AutoCloseable> closeOnInterrupt = new ArrayList<>();

    @Override
    public Integer call() {
        checkOptions();
        PrintWriter out = command.commandLine().getOut();
        if (sandbox) {
            return SandboxDeploy.run(this, out);
        }
        if (specFile == null) {
            throw new UserError(ExitCodes.BAD_INPUT, "deploy needs -f SPEC (or --sandbox); see 'provisioner deploy --help'");
        }
        Spec spec = specFile.load();
        try {
            IdentityFiles.check(spec);
        } catch (SpecException e) {
            throw SpecFileOption.problems(e);
        }
        FleetReport fleet = deploy(spec, effectiveStateDir(spec), new SshHostConnector(), out);
        return exitCode(fleet);
    }

    /** Everything the options alone can tell, before anything starts (no host touched, no sandbox built). */
    private void checkOptions() {
        CommandLine.ParseResult given = command.commandLine().getParseResult();
        if (renamedHosts != null) {
            throw new UserError(ExitCodes.BAD_INPUT, "--hosts is now --sandbox-hosts (how many simulated hosts); "
                    + "--host picks hosts by name");
        }
        if (!sandbox) {
            for (String option : SANDBOX_ONLY) {
                if (given.hasMatchedOption(option)) {
                    throw new UserError(ExitCodes.BAD_INPUT, option + " needs --sandbox; without it the deploy "
                            + "goes to the spec's real hosts");
                }
            }
        }
        if (parallel < 1) {
            throw new UserError(ExitCodes.BAD_INPUT, "--parallel " + parallel + ": must be 1 or more");
        }
        PreflightChecks.options(skipChecks);
        if (reportDir != null) {
            WritableDirectory.require(reportDir, "--report-dir");
        }
        if (stateDir != null) {
            WritableDirectory.require(stateDir, "--state-dir");
        }
    }

    /** Closed by the interrupt notice when Ctrl-C or SIGTERM ends the deploy (the sandbox lab). */
    void closeOnInterrupt(AutoCloseable resource) {
        closeOnInterrupt.add(resource);
    }

    FleetReport deploy(Spec spec, Path state, io.provisioner.deploy.HostConnector connector, PrintWriter out) {
        hosts.check(spec);
        PrintWriter err = command.commandLine().getErr();
        ConsoleProgress progress = ConsoleProgress.forStdout(format == OutputFormat.json ? err : out);
        InterruptNotice notice = new InterruptNotice(spec, state, err, closeOnInterrupt);
        FleetReport fleet;
        // the live status block is cleared (closed) before the summary is printed
        try (progress; Journal journal = Journal.open(state, spec.masker());
             InterruptNotice.Armed armed = notice.arm()) {
            DeployRequest request = new DeployRequest(spec, Set.copyOf(new LinkedHashSet<>(hosts.names())),
                    parallel, resume, state, reportDir, PreflightChecks.options(skipChecks), journal);
            fleet = new DeployEngine(connector).deploy(request, progress.and(notice));
        } catch (ResumeRefusedException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
        if (reportDir != null) {
            ReportFiles.write(reportDir, fleet);
        }
        if (format == OutputFormat.json) {
            out.println(JsonReport.render(fleet));
        } else {
            FleetSummary.print(fleet, out);
        }
        return fleet;
    }

    Path effectiveStateDir(Spec spec) {
        if (stateDir != null) {
            return stateDir;
        }
        Path parent = spec.file().toAbsolutePath().getParent();
        return parent.resolve(".provisioner");
    }

    static int exitCode(FleetReport fleet) {
        if (fleet.anyUnreachable()) {
            return ExitCodes.UNREACHABLE;
        }
        return fleet.allHealthy() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
