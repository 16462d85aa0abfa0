package io.provisioner.cli;

import io.provisioner.deploy.HostStatusView;
import io.provisioner.deploy.Journal;
import io.provisioner.deploy.SpecIdentity;
import io.provisioner.deploy.LiveProbes;
import io.provisioner.probe.ProbeResult;
import io.provisioner.report.StatusReport;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code status}: each host's last run from the journal, plus live probes of its endpoints. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows each host's last run (from the journal) and probes its endpoints now.",
                "Exit 0 when every host finished healthy and answers now, 1 otherwise."})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    SpecFileOption specFile;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the journal is (default: .provisioner next to the spec).")
    Path stateDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--no-probe", description = "Only read the journal.")
    boolean noProbe;

    @Mixin
    VerboseOption verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        Spec spec = specFile.loadWithoutSecrets();
        Path state = stateDir != null ? stateDir : spec.file().toAbsolutePath().getParent().resolve(".provisioner");
        Map<String, HostStatusView> views = HostStatusView.fromJournal(Journal.read(state), SpecIdentity.of(spec)).stream()
                .collect(Collectors.toMap(HostStatusView::host, Function.identity()));
        StatusReport report = new StatusReport();
        for (Host host : spec.executionOrder()) {
            HostStatusView view = views.get(host.name());
            List<ProbeResult> probes = noProbe || view == null ? List.of() : LiveProbes.of(spec, host, view);
            boolean healthy = view != null && Boolean.TRUE.equals(view.healthy())
                    && probes.stream().allMatch(probe -> probe.outcome().isHealthy());
            report.add(new StatusReport.Row(host.name(), view, probes, healthy));
        }
        PrintWriter out = command.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(report.json());
        } else {
            report.text(state, out);
        }
        return report.allHealthy() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
