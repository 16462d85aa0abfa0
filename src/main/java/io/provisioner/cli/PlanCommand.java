package io.provisioner.cli;

import io.provisioner.plan.Plan;
import io.provisioner.plan.PlanText;
import io.provisioner.plan.Planner;
import io.provisioner.render.HostRenderer;
import io.provisioner.render.ShellTemplates;
import io.provisioner.render.TemplateException;
import io.provisioner.report.RecordJson;
import io.provisioner.spec.Spec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code plan -f SPEC [--format json]}: the dry run. No network. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Shows what a deploy will do, without any network: per host, the ordered steps, the files with "
                + "their sha256, the commands, the allowed fix-ups, and what cannot be predicted before running.",
                "Exit 0, 2 bad input."})
public final class PlanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Mixin
    SpecFileOption specFile;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--templates", paramLabel = "DIR", description = "Templates that replace the defaults of the same name.")
    Path templates;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        Spec spec = specFile.load();
        Plan plan;
        try {
            ShellTemplates shellTemplates = templates == null ? ShellTemplates.defaults()
                    : ShellTemplates.overriddenBy(templates);
            plan = Planner.plan(spec, new HostRenderer(shellTemplates));
        } catch (TemplateException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
        String text = format == OutputFormat.json
                ? RecordJson.of(plan)
                : PlanText.format(plan);
        // a plan holds hashes, never secret values; masking would also blank out ordinary words that
        // happen to equal a lab password (DevStack labs use "devstack")
        command.commandLine().getOut().println(text);
        return ExitCodes.OK;
    }
}
