package io.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.provisioner.fixup.Fixup;
import io.provisioner.fixup.FixupCatalog;
import io.provisioner.fixup.FixupContext;
import io.provisioner.fixup.FixupReport;
import io.provisioner.fixup.FixupRunner;
import io.provisioner.deploy.SshHostConnector;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecException;
import io.provisioner.spec.SpecLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code fixup NAME -f SPEC --host H [--dry-run] [--fact K=V]...}: detect, apply, verify one fix-up on one host. */
@Command(name = "fixup", mixinStandardHelpOptions = true,
        description = "Runs one fix-up on one host: detect, apply what was found (files backed up), verify. "
                + "Names: git-https, no-proxy, mysql-root-password, ovs-socket-permissions, unstack, apt-sources, "
                + "apt-lock, pip-distutils, stack-dir-ownership, retry.")
public final class FixupCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "NAME", description = "the fix-up")
    String name;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC", description = "the host spec (YAML)")
    Path file;

    @Option(names = "--host", required = true, paramLabel = "H", description = "the host, by its name in the spec")
    String host;

    @Option(names = "--dry-run", description = "detect only and say what would change")
    boolean dryRun;

    @Option(names = "--fact", paramLabel = "KEY=VALUE", description = "a fact from the diagnosis, e.g. package=PyYAML (repeatable)")
    Map<String, String> facts = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "text|json", description = "output format (default: text)")
    String format = "text";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            throw new UserError(ExitCodes.BAD_INPUT, "--format must be text or json, got '" + format + "'");
        }
        Fixup fixup = FixupCatalog.byName(name).orElseThrow(() -> new UserError(ExitCodes.BAD_INPUT,
                "no fix-up named '" + name + "'; known: " + String.join(", ", FixupCatalog.names())));
        Spec spec;
        try {
            spec = SpecFileOption.withSshConfig(SpecLoader.load(file));
        } catch (SpecException e) {
            return ValidateCommand.printProblems(e, err);
        }
        Host h = RenderCommand.selectHosts(spec, host).get(0);
        FixupReport report;
        try (RemoteShell shell = new SshHostConnector().open(h)) {
            FixupContext ctx = new FixupContext(spec, h, shell, spec.masker(), facts);
            if (dryRun) {
                out.println(spec.masker().mask(h.name() + ": " + fixup.name() + ": would " + fixup.describe(ctx)));
            }
            report = new FixupRunner().run(fixup, ctx, dryRun);
        } catch (RemoteException e) {
            throw new UserError(ExitCodes.UNREACHABLE, spec.masker().mask(h.name() + ": " + e.getMessage()));
        }
        if (format.equals("json")) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            out.println(h.name() + ": " + report.name() + ": " + (report.detected() ? "found" : "not found")
                    + (report.applied() ? ", applied" : "") + ", " + (report.verified() ? "verified" : "NOT verified"));
            report.findings().forEach(f -> out.println("  - " + f));
            out.println("  " + report.detail());
        }
        return report.verified() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
