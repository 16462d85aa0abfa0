package io.provisioner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.probe.ProbeResult;
import io.provisioner.probe.ProbeTarget;
import io.provisioner.probe.Prober;
import io.provisioner.probe.Sweep;
import io.provisioner.probe.WaitPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code provisioner probe TARGET...}: a thin shell over {@link Sweep} and {@link Prober}. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Probes services with blocking sockets and names how each one answered:",
                "up, degraded, refused, connect-timeout, read-timeout, host-unreachable, network-unreachable,",
                "dns-failure, reset, closed-early, partial, protocol-mismatch, service-error, tls-error.",
                "Exit 0 when all are up or degraded, 1 otherwise, 2 on a malformed target.",
                "https checks the certificate chain and the host name against the JVM's trust store",
                "(cacerts, or -Djavax.net.ssl.trustStore=FILE), or against --ca-file."})
public final class ProbeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TARGET",
            description = "tcp://h:p, http(s)://h[:p]/path, mysql://h[:p], amqp://h[:p], memcached://h[:p], "
                    + "redis://h[:p], git://h[:p]")
    List<String> targets = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
            description = "Deadline for each probe, DNS to last byte (default ${DEFAULT-VALUE}). E.g. 500ms, 5s, 1m.")
    Duration timeout;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "Probe through this HTTP proxy with CONNECT (never used unless given).")
    String proxy;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trust only the CA certificate(s) in this PEM file for https, instead of the JVM's "
                    + "trust store (like curl --cacert).")
    Path caFile;

    @Option(names = "--wait", paramLabel = "D", defaultValue = "0s", converter = DurationConverter.class,
            description = "Keep probing each target until it is up, for at most this long.")
    Duration maxWait;

    @Option(names = "--interval", paramLabel = "D", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between probes of one target while waiting (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--success-threshold", paramLabel = "N", defaultValue = "1",
            description = "Consecutive healthy probes that count as up (default ${DEFAULT-VALUE}).")
    int successThreshold;

    @Option(names = "--failure-threshold", paramLabel = "N", defaultValue = "0",
            description = "Consecutive failed probes that end the wait early; 0 = only --wait ends it.")
    int failureThreshold;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1024",
            description = "Probes running at once (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    String format;

    @Option(names = "--verbose", description = "More detail on failures.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new UserError(ExitCodes.BAD_INPUT, "--format must be text or json, not '" + format + "'");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new UserError(ExitCodes.BAD_INPUT, "--timeout must be positive");
        }
        if (parallel < 1) {
            throw new UserError(ExitCodes.BAD_INPUT, "--parallel must be at least 1");
        }
        List<ProbeTarget> parsed = new ArrayList<>();
        for (String t : targets) {
            try {
                parsed.add(ProbeTarget.parse(t));
            } catch (IllegalArgumentException e) {
                throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
            }
        }
        Prober prober = prober();
        WaitPolicy policy;
        try {
            policy = new WaitPolicy(maxWait, interval, successThreshold, failureThreshold);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
        List<ProbeResult> results = new Sweep(prober, timeout, policy).run(parsed, parallel);
        print(results, spec.commandLine().getOut());
        return results.stream().allMatch(ProbeResult::isHealthy) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Prober prober() {
        Prober p;
        if (proxy == null) {
            p = Prober.direct();
        } else {
            try {
                p = Prober.viaProxy(new URI(proxy));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new UserError(ExitCodes.BAD_INPUT, "--proxy must look like http://host:port");
            }
        }
        if (caFile == null) {
            return p;
        }
        try {
            return p.trusting(caFile);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "--ca-file: " + e.getMessage());
        }
    }

    private void print(List<ProbeResult> results, PrintWriter out) throws Exception {
        if (format.equals("json")) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (ProbeResult r : results) {
                ObjectNode o = array.addObject();
                o.put("target", r.target());
                o.put("outcome", r.outcome().label());
                o.put("address", r.resolvedAddress());
                o.put("elapsed_ms", r.elapsedMillis());
                o.put("detail", r.detail());
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else {
            int width = results.stream().mapToInt(r -> r.target().length()).max().orElse(0);
            for (ProbeResult r : results) {
                out.printf("%-" + width + "s  %-19s %-22s %6d ms  %s%n", r.target(), r.outcome().label(),
                        r.resolvedAddress() == null ? "-" : r.resolvedAddress(), r.elapsedMillis(),
                        r.detail() == null ? "" : r.detail());
            }
        }
        out.flush();
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1m30s}; a bare number is seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            Matcher m = PART.matcher(v);
            Duration d = Duration.ZERO;
            int pos = 0;
            while (m.find() && m.start() == pos) {
                long n = Long.parseLong(m.group(1));
                d = d.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                });
                pos = m.end();
            }
            if (pos == 0 || pos != v.length()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 5s, 2m");
            }
            return d;
        }
    }
}
