package io.provisioner.cli;

import io.provisioner.deploy.FleetPreflight;
import io.provisioner.deploy.PreflightOptions;
import io.provisioner.deploy.SshHostConnector;
import io.provisioner.remote.Connector;
import io.provisioner.report.PreflightReport;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code preflight}: read-only checks on the targets, each pass/warn/fail with a one-line remedy. */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Checks the targets, read-only, before anything is touched; each check passes, warns or fails with a one-line remedy.",
                "Exit 0 all pass, 1 a check failed, 3 a host unreachable."})
public final class PreflightCommand implements Callable<Integer> {
    @Mixin
    SpecFileOption specFile;

    @Mixin
    HostSelection hosts;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "50",
            description = "Hosts checked at once, 1 or more (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--skip-check", paramLabel = "CHECK", split = ",", completionCandidates = PreflightCheckNames.class,
            description = "Checks to skip (repeatable or comma-separated): ${COMPLETION-CANDIDATES}.")
    List<String> skipChecks = List.of();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    VerboseOption verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        if (parallel < 1) {
            throw new UserError(ExitCodes.BAD_INPUT, "--parallel " + parallel + ": must be 1 or more");
        }
        PreflightOptions options = PreflightChecks.options(skipChecks);
        Spec spec = specFile.load();
        hosts.check(spec);
        List<Host> selected = spec.executionOrder().stream()
                .filter(host -> hosts.names().isEmpty() || hosts.names().contains(host.name())).toList();
        List<FleetPreflight.HostChecks> results = new FleetPreflight(new SshHostConnector(new Connector(Connector.Backoff.NONE)),
                options).run(selected, parallel);
        PrintWriter out = command.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(PreflightReport.json(results, spec.masker()));
        } else {
            PreflightReport.text(results, spec.masker(), out);
        }
        if (results.stream().anyMatch(FleetPreflight.HostChecks::unreachable)) {
            return ExitCodes.UNREACHABLE;
        }
        return results.stream().anyMatch(FleetPreflight.HostChecks::failed) ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
