package io.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.deploy.HostStatusView;
import io.provisioner.deploy.Journal;
import io.provisioner.deploy.SpecIdentity;
import io.provisioner.deploy.LiveProbes;
import io.provisioner.probe.ProbeResult;
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
        description = {"The last run per host (from the journal) and live probes of its endpoints.",
                "Exit 0 when every host finished healthy and answers now, 1 otherwise."})
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    SpecFileOption specFile;

    @Option(names = "--state-dir", description = "Where the journal is (default: .provisioner next to the spec).")
    Path stateDir;

    @Option(names = "--format", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @Option(names = "--no-probe", description = "Only read the journal.")
    boolean noProbe;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        Spec spec = specFile.load();
        Path state = stateDir != null ? stateDir : spec.file().toAbsolutePath().getParent().resolve(".provisioner");
        Map<String, HostStatusView> views = HostStatusView.fromJournal(Journal.read(state), SpecIdentity.of(spec)).stream()
                .collect(Collectors.toMap(HostStatusView::host, Function.identity()));
        PrintWriter out = command.commandLine().getOut();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = json.createArrayNode();
        boolean allGood = true;
        for (Host h : spec.executionOrder()) {
            HostStatusView v = views.get(h.name());
            List<ProbeResult> probes = noProbe || v == null ? List.of() : LiveProbes.of(h, v);
            boolean healthy = v != null && Boolean.TRUE.equals(v.healthy())
                    && probes.stream().allMatch(p -> p.outcome().isHealthy());
            allGood &= healthy;
            if (format == OutputFormat.json) {
                ObjectNode n = arr.addObject();
                n.put("host", h.name());
                n.put("run", v == null ? null : v.run());
                n.put("last_step", v == null ? null : v.lastStep());
                n.put("last_state", v == null ? null : v.lastState().label());
                n.put("when", v == null ? null : v.when().toString());
                n.put("healthy", healthy);
                ArrayNode pa = n.putArray("probes");
                probes.forEach(p -> pa.addObject().put("target", p.target()).put("outcome", p.outcome().label()));
            } else if (v == null) {
                out.printf("%-12s never deployed (no journal entry in %s)%n", h.name(), state);
            } else {
                out.printf("%-12s %s  run %s, last step %s %s at %s%n", h.name(), healthy ? "healthy" : "NOT healthy",
                        v.run(), v.lastStep(), v.lastState().label(), v.when());
                for (ProbeResult p : probes) {
                    out.printf("%-12s   %-16s %s%n", "", p.outcome().label(), p.target());
                }
            }
        }
        if (format == OutputFormat.json) {
            out.println(json.writeValueAsString(arr));
        }
        return allGood ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
