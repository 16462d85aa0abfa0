package io.provisioner.cli;

import io.provisioner.fixup.Fixup;
import io.provisioner.fixup.FixupCatalog;
import io.provisioner.fixup.FixupContext;
import io.provisioner.fixup.FixupReport;
import io.provisioner.fixup.FixupRunner;
import io.provisioner.deploy.SshHostConnector;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.report.RecordJson;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code fixup NAME -f SPEC --host H [--dry-run] [--fact K=V]...}: detect, apply, verify one fix-up on one host. */
@Command(name = "fixup", mixinStandardHelpOptions = true,
        description = {"Runs one fix-up on one host: detect, apply what was found (files backed up), verify.",
                "Exit 0 verified, 1 not verified, 2 bad input, 3 the host unreachable."})
public final class FixupCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = FixupNames.class,
            description = "The fix-up: ${COMPLETION-CANDIDATES}.")
    String name;

    @Mixin
    SpecFileOption specFile;

    @Option(names = "--host", required = true, paramLabel = "HOST", description = "The host, by its name in the spec.")
    String host;

    @Option(names = "--dry-run", description = "Detect only and say what would change.")
    boolean dryRun;

    @Option(names = "--fact", paramLabel = "KEY=VALUE", description = "A fact from the diagnosis, e.g. package=PyYAML (repeatable).")
    Map<String, String> facts = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        Fixup fixup = FixupCatalog.byName(name).orElseThrow(() -> new UserError(ExitCodes.BAD_INPUT,
                "no fix-up named '" + name + "'; known: " + String.join(", ", FixupCatalog.names())));
        Spec spec = specFile.load();
        Host selected = RenderCommand.selectHosts(spec, host).get(0);
        FixupReport report;
        try (RemoteShell shell = new SshHostConnector().open(selected)) {
            FixupContext ctx = new FixupContext(spec, selected, shell, spec.masker(), facts);
            if (dryRun) {
                out.println(spec.masker().mask(selected.name() + ": " + fixup.name() + ": would " + fixup.describe(ctx)));
            }
            report = new FixupRunner().run(fixup, ctx, dryRun);
        } catch (RemoteException e) {
            throw new UserError(ExitCodes.UNREACHABLE, spec.masker().mask(selected.name() + ": " + e.getMessage()));
        }
        if (format == OutputFormat.json) {
            out.println(RecordJson.of(report));
        } else {
            out.println(selected.name() + ": " + report.name() + ": " + (report.detected() ? "found" : "not found")
                    + (report.applied() ? ", applied" : "") + ", " + (report.verified() ? "verified" : "NOT verified"));
            report.findings().forEach(finding -> out.println("  - " + finding));
            out.println("  " + report.detail());
        }
        return report.verified() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
