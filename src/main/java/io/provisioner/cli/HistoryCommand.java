package io.provisioner.cli;

import io.provisioner.deploy.Journal;
import io.provisioner.deploy.SpecIdentity;
import io.provisioner.deploy.SpecRuns;
import io.provisioner.report.HistoryReport;
import io.provisioner.report.RunHistory;
import io.provisioner.spec.Spec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code history}: the past runs of a spec, from its journal. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Lists past runs of the spec from the journal: when, run, outcome, stack.sh attempts, hosts.",
                "Outcomes: healthy, failed, interrupted (Ctrl-C or SIGTERM), unfinished (the journal stops).",
                "Exit 0, 2 bad input."})
public final class HistoryCommand implements Callable<Integer> {
    @Mixin
    SpecFileOption specFile;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the journal is (default: .provisioner next to the spec).")
    Path stateDir;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20",
            description = "Show only the newest N runs, 0 for all (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        if (last < 0) {
            throw new UserError(ExitCodes.BAD_INPUT, "--last " + last + ": must be 0 (all) or more");
        }
        Spec spec = specFile.loadWithoutSecrets();
        Path state = stateDir != null ? stateDir : spec.file().toAbsolutePath().getParent().resolve(".provisioner");
        // several specs may share a state directory (the default is the spec's own directory): only this one's runs
        List<RunHistory> runs = RunHistory.fromJournal(new SpecRuns(Journal.read(state)).withOpenings(SpecIdentity.of(spec)));
        if (last > 0 && runs.size() > last) {
            runs = runs.subList(runs.size() - last, runs.size());
        }
        PrintWriter out = command.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(HistoryReport.json(runs, spec.file().toString()));
        } else {
            HistoryReport.text(runs, spec.file().toString(), state, out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
