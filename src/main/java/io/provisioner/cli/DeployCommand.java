package io.provisioner.cli;

import io.provisioner.deploy.DeployEngine;
import io.provisioner.deploy.DeployRequest;
import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.Journal;
import io.provisioner.deploy.SshHostConnector;
import io.provisioner.report.ConsoleProgress;
import io.provisioner.report.FleetSummary;
import io.provisioner.report.JsonReport;
import io.provisioner.report.ReportFiles;
import io.provisioner.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code deploy}: the whole job, against the spec's hosts or against embedded sandbox hosts. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Run the whole job: preflight, prepare, stack.sh, diagnose, fix-ups, retries, verify.",
                "Exit 0 healthy, 1 a host failed, 2 bad input, 3 a host unreachable."})
public final class DeployCommand implements Callable<Integer> {
    @picocli.CommandLine.ArgGroup(exclusive = false)
    SpecFileOption specFile;

    @Mixin
    HostSelection hosts;

    @Option(names = "--parallel", defaultValue = "4", description = "Hosts deployed at once (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--resume", description = "Continue the last run from its journal; re-attach to a running stack.sh.")
    boolean resume;

    @Option(names = "--state-dir", description = "Journal and per-host files (default: .provisioner next to the spec).")
    Path stateDir;

    @Option(names = "--report-dir", description = "Write report.json, junit.xml and each host's stack.sh log here.")
    Path reportDir;

    @Option(names = "--format", defaultValue = "text", description = "text or json (one summary object).")
    OutputFormat format;

    @Option(names = "--skip-check", split = ",", description = "Preflight checks to skip, by name.")
    List<String> skipChecks = List.of();

    @Option(names = "--sandbox", description = "Deploy onto embedded simulated DevStack hosts (no lab, root or network).")
    boolean sandbox;

    @Option(names = "--faults", defaultValue = "seed",
            description = "With --sandbox: seed (the article's six failures), none, or a comma list of fault names.")
    String faults;

    @Option(names = "--hosts", defaultValue = "1", description = "With --sandbox: how many simulated hosts.")
    int sandboxHosts;

    @Option(names = "--era", defaultValue = "current", description = "With --sandbox: current or 2016.")
    String era;

    @Option(names = "--keep", description = "With --sandbox: keep the sandbox directory afterwards.")
    boolean keep;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        if (sandbox) {
            return SandboxDeploy.run(this, out);
        }
        if (specFile == null) {
            throw new UserError(ExitCodes.BAD_INPUT, "deploy needs -f SPEC (or --sandbox); see 'provisioner deploy --help'");
        }
        Spec spec = specFile.load();
        hosts.check(spec);
        FleetReport fleet = deploy(spec, effectiveStateDir(spec), new SshHostConnector(), out);
        return exitCode(fleet);
    }

    FleetReport deploy(Spec spec, Path state, io.provisioner.deploy.HostConnector connector, PrintWriter out) {
        ConsoleProgress progress = ConsoleProgress.forStdout(format == OutputFormat.json ? command.commandLine().getErr() : out);
        FleetReport fleet;
        try (Journal journal = Journal.open(state, spec.masker())) {
            DeployRequest request = new DeployRequest(spec, Set.copyOf(new LinkedHashSet<>(hosts.names())),
                    Math.max(1, parallel), resume, state, reportDir,
                    PreflightChecks.options(skipChecks), journal);
            fleet = new DeployEngine(connector).deploy(request, progress);
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
