package io.provisioner.cli;

import io.provisioner.probe.ProbeResult;
import io.provisioner.probe.ProbeTarget;
import io.provisioner.probe.Prober;
import io.provisioner.probe.Sweep;
import io.provisioner.probe.WaitPolicy;
import io.provisioner.report.ProbeReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code provisioner probe TARGET...}: a thin shell over {@link Sweep} and {@link Prober}; output by {@link ProbeReport}. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Probes services with blocking sockets and names how each one answered: up, degraded, refused, "
                + "connect-timeout, read-timeout, host-unreachable, network-unreachable, dns-failure, reset, "
                + "closed-early, partial, protocol-mismatch, service-error, tls-error.",
                "https checks the certificate chain and the host name against the JVM's trust store (cacerts, or "
                        + "-Djavax.net.ssl.trustStore=FILE), or against --ca-file.",
                "Exit 0 when all are up or degraded, 1 otherwise, 2 on a malformed target."})
public final class ProbeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "TARGET",
            description = "One of tcp://HOST:PORT, http(s)://HOST[:PORT]/PATH, mysql://HOST[:PORT], amqp://HOST[:PORT], "
                    + "memcached://HOST[:PORT], redis://HOST[:PORT], git://HOST[:PORT][/REPO]; or @FILE: the targets "
                    + "in FILE, separated by spaces or new lines, # comments.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--targets", paramLabel = "FILE",
            description = "Probe the targets in FILE too (as @FILE; - reads standard input).")
    List<String> targetFiles = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Deadline for each probe, DNS to last byte, e.g. 500ms, 5s, 1m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "Probe through this HTTP proxy: a GET with the absolute URL for http://, CONNECT for "
                    + "everything else (never used unless given).")
    String proxy;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trust only the CA certificate(s) in this PEM file for https, instead of the JVM's "
                    + "trust store (like curl --cacert).")
    Path caFile;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "Keep probing each target until it is up, for at most this long (default: ${DEFAULT-VALUE}).")
    Duration maxWait;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between probes of one target while waiting (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--success-threshold", paramLabel = "N", defaultValue = "1",
            description = "Consecutive healthy probes that count as up (default: ${DEFAULT-VALUE}).")
    int successThreshold;

    @Option(names = "--failure-threshold", paramLabel = "N", defaultValue = "0",
            description = "Consecutive failed probes that end the wait early; 0 means only --wait ends it (default: ${DEFAULT-VALUE}).")
    int failureThreshold;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1024",
            description = "Probes running at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new UserError(ExitCodes.BAD_INPUT, "--timeout must be positive");
        }
        if (parallel < 1) {
            throw new UserError(ExitCodes.BAD_INPUT, "--parallel " + parallel + ": must be 1 or more");
        }
        List<ProbeTarget> parsed = parsedTargets();
        Prober prober = prober();
        WaitPolicy policy;
        try {
            policy = new WaitPolicy(maxWait, interval, successThreshold, failureThreshold);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
        List<ProbeResult> results = new Sweep(prober, timeout, policy).run(parsed, parallel);
        if (format == OutputFormat.json) {
            ProbeReport.json(results, spec.commandLine().getOut());
        } else {
            ProbeReport.text(results, spec.commandLine().getOut());
        }
        return results.stream().allMatch(ProbeResult::isHealthy) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * The targets in command-line order, {@code @FILE} and {@code --targets} files read by {@link ProbeTargetsFile}
     * (Main leaves {@code @FILE} to this command instead of picocli's argument-file expansion).
     */
    private List<ProbeTarget> parsedTargets() {
        List<ProbeTarget> parsed = new ArrayList<>();
        for (String target : targets) {
            if (target.startsWith("@") && target.length() > 1) {
                ProbeTargetsFile.read(target.substring(1), System.in, parsed);
                continue;
            }
            try {
                parsed.add(ProbeTarget.parse(target));
            } catch (IllegalArgumentException e) {
                throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
            }
        }
        for (String file : targetFiles) {
            ProbeTargetsFile.read(file, System.in, parsed);
        }
        if (parsed.isEmpty()) {
            throw new UserError(ExitCodes.BAD_INPUT, "no targets: give TARGET..., @FILE or --targets FILE");
        }
        return parsed;
    }

    private Prober prober() {
        Prober direct;
        if (proxy == null) {
            direct = Prober.direct();
        } else {
            try {
                direct = Prober.viaProxy(new URI(proxy));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new UserError(ExitCodes.BAD_INPUT, "--proxy: must look like http://HOST:PORT (or http://USER:PASSWORD@HOST:PORT)");
            }
        }
        if (caFile == null) {
            return direct;
        }
        try {
            return direct.trusting(caFile);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "--ca-file: " + e.getMessage());
        }
    }
}
