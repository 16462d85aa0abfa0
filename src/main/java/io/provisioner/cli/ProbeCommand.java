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

import java.io.PrintWriter;
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
    // the defaults, for the annotations and for fromPlainArguments alike
    static final String DEFAULT_TIMEOUT = "5s";
    static final String DEFAULT_WAIT = "0s";
    static final String DEFAULT_INTERVAL = "1s";
    static final String DEFAULT_SUCCESS_THRESHOLD = "1";
    static final String DEFAULT_FAILURE_THRESHOLD = "0";
    static final String DEFAULT_PARALLEL = "1024";
    static final String DEFAULT_FORMAT = "text";

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

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = DEFAULT_TIMEOUT, converter = DurationConverter.class,
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

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = DEFAULT_WAIT, converter = DurationConverter.class,
            description = "Keep probing each target until it is up, for at most this long (default: ${DEFAULT-VALUE}).")
    Duration maxWait;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = DEFAULT_INTERVAL, converter = DurationConverter.class,
            description = "Time between probes of one target while waiting (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--success-threshold", paramLabel = "N", defaultValue = DEFAULT_SUCCESS_THRESHOLD,
            description = "Consecutive healthy probes that count as up (default: ${DEFAULT-VALUE}).")
    int successThreshold;

    @Option(names = "--failure-threshold", paramLabel = "N", defaultValue = DEFAULT_FAILURE_THRESHOLD,
            description = "Consecutive failed probes that end the wait early; 0 means only --wait ends it (default: ${DEFAULT-VALUE}).")
    int failureThreshold;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = DEFAULT_PARALLEL,
            description = "Probes running at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = DEFAULT_FORMAT,
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * The command as picocli would set it from {@code probe} followed by targets ({@code TARGET}, {@code @FILE}) and
     * the options {@code --targets FILE}, {@code --timeout D}, {@code --format F}, {@code --parallel N}, in any order;
     * or null for anything else, which goes through picocli as before: help, {@code --verbose}, any other option, an
     * {@code --option=value}, a value that starts with "-" ({@code --targets -} among them), an option given twice
     * that picocli takes once, a missing value, and a value picocli's converter would refuse (its message is the
     * one the user sees). Why at all: picocli's model of the root and probe commands (an annotation proxy per option,
     * which the class-data archive cannot hold) was the largest part of a cold sweep's start before its first
     * connect.
     */
    static ProbeCommand fromPlainArguments(String... args) {
        if (args.length == 0 || !args[0].equals("probe")) {
            return null;
        }
        ProbeCommand command = new ProbeCommand();
        String timeout = null;
        String parallel = null;
        String format = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                if (arg.isEmpty()) {
                    return null;
                }
                command.targets.add(arg);
                continue;
            }
            if (i + 1 == args.length || args[i + 1].startsWith("-") || args[i + 1].isEmpty()) {
                return null;
            }
            String value = args[++i];
            switch (arg) {
                case "--targets" -> command.targetFiles.add(value);
                case "--timeout" -> {
                    if (timeout != null) {
                        return null;
                    }
                    timeout = value;
                }
                case "--parallel" -> {
                    if (parallel != null) {
                        return null;
                    }
                    parallel = value;
                }
                case "--format" -> {
                    if (format != null) {
                        return null;
                    }
                    format = value;
                }
                default -> {
                    return null;
                }
            }
        }
        DurationConverter durations = new DurationConverter();
        try {
            command.timeout = durations.convert(timeout != null ? timeout : DEFAULT_TIMEOUT);
            command.maxWait = durations.convert(DEFAULT_WAIT);
            command.interval = durations.convert(DEFAULT_INTERVAL);
            // Integer.valueOf is picocli's int conversion
            command.parallel = Integer.valueOf(parallel != null ? parallel : DEFAULT_PARALLEL);
            command.successThreshold = Integer.valueOf(DEFAULT_SUCCESS_THRESHOLD);
            command.failureThreshold = Integer.valueOf(DEFAULT_FAILURE_THRESHOLD);
        } catch (RuntimeException refused) {
            return null; // picocli says why, in its words
        }
        // picocli's enum conversion is case-sensitive: any other spelling gets its message
        String formatName = format != null ? format : DEFAULT_FORMAT;
        if (formatName.equals(OutputFormat.json.name())) {
            command.format = OutputFormat.json;
        } else if (formatName.equals(OutputFormat.text.name())) {
            command.format = OutputFormat.text;
        } else {
            return null;
        }
        return command;
    }

    /**
     * Probes and prints; a {@link UserError} for bad input, as from {@link #call}. {@code err} is not written to (bad
     * input is thrown), but taken, so that Main runs this command and diagnose's the same way.
     */
    int run(PrintWriter out, PrintWriter err) {
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
        // the report is built as the results come, so it is ready when the last probe ends
        List<ProbeResult> results;
        if (format == OutputFormat.json) {
            ProbeReport.JsonArray json = new ProbeReport.JsonArray();
            results = new Sweep(prober, timeout, policy).run(parsed, parallel, json);
            json.writeTo(out);
        } else {
            int longest = 0;
            for (ProbeTarget target : parsed) {
                longest = Math.max(longest, target.text().length());
            }
            ProbeReport.Table table = new ProbeReport.Table(longest);
            results = new Sweep(prober, timeout, policy).run(parsed, parallel, table);
            table.writeTo(out);
        }
        for (ProbeResult result : results) {
            if (!result.isHealthy()) {
                return ExitCodes.FAILED;
            }
        }
        return ExitCodes.OK;
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
