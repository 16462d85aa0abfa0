package io.provisioner.cli;

import io.provisioner.deploy.SshHostConnector;
import io.provisioner.fixup.FixupCatalog;
import io.provisioner.fixup.FixupContext;
import io.provisioner.fixup.FixupReport;
import io.provisioner.fixup.FixupRunner;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteShell;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code unstack}: runs unstack.sh on the hosts (as the stack user), then clears leftover units/screen. */
@Command(name = "unstack", mixinStandardHelpOptions = true,
        description = {"Runs DevStack's unstack.sh on the hosts and clears what it leaves behind.",
                "Exit 0 when every host is clean, 1 otherwise, 3 a host unreachable."})
public final class UnstackCommand implements Callable<Integer> {
    @Mixin
    SpecFileOption specFile;

    @Mixin
    HostSelection hosts;

    @Option(names = "--all", description = "Run unstack.sh -a: also stop MySQL and RabbitMQ.")
    boolean all;

    @Mixin
    VerboseOption verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        Spec spec = specFile.load();
        hosts.check(spec);
        PrintWriter out = command.commandLine().getOut();
        int code = ExitCodes.OK;
        // compute hosts first: their agents talk to the controller's services while they stop
        java.util.List<Host> order = new java.util.ArrayList<>(spec.executionOrder());
        java.util.Collections.reverse(order);
        for (Host host : order) {
            if (!hosts.names().isEmpty() && !hosts.names().contains(host.name())) {
                continue;
            }
            try (RemoteShell shell = new SshHostConnector().open(host)) {
                FixupReport fixupReport = new FixupRunner().run(FixupCatalog.byName("unstack").orElseThrow(),
                        new FixupContext(spec, host, shell, spec.masker(), all ? Map.of("unstack_all", "true") : Map.of()),
                        false);
                out.printf("%-12s %s%s%n", host.name(), fixupReport.verified() ? "unstacked" : "NOT clean",
                        fixupReport.detail() == null || fixupReport.detail().isEmpty() ? "" : " - " + fixupReport.detail());
                if (!fixupReport.verified()) {
                    code = Math.max(code, ExitCodes.FAILED);
                }
            } catch (RemoteException e) {
                out.printf("%-12s unreachable - %s%n", host.name(), spec.masker().mask(e.getMessage()));
                code = ExitCodes.UNREACHABLE;
            }
        }
        return code;
    }
}
