package io.provisioner.service.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The service's Prometheus metrics (this instance's counts; queue depth and runs by state come from the
 * database, so every instance reports the same): runs by outcome, stack.sh attempts, fix-ups applied by
 * name, diagnosis categories, run duration, queue depth.
 */
public final class ServiceMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter runs;
    private final Counter attempts;
    private final Counter fixups;
    private final Counter diagnoses;
    private final Histogram duration;
    private final Counter requests;

    public ServiceMetrics(Supplier<Map<String, Long>> runsByState) {
        runs = Counter.builder().name("provisioner_runs_finished_total")
                .help("Runs this instance finished, by outcome").labelNames("outcome").register(registry);
        attempts = Counter.builder().name("provisioner_stack_attempts_total")
                .help("stack.sh attempts of the runs this instance finished").register(registry);
        fixups = Counter.builder().name("provisioner_fixups_applied_total")
                .help("Fix-ups applied, by name").labelNames("fixup").register(registry);
        diagnoses = Counter.builder().name("provisioner_diagnoses_total")
                .help("Final diagnoses of failed or retried hosts, by category").labelNames("category").register(registry);
        duration = Histogram.builder().name("provisioner_run_duration_seconds")
                .help("Wall time of a run from start to end").classicOnly()
                .classicUpperBounds(1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600).register(registry);
        requests = Counter.builder().name("provisioner_http_requests_total")
                .help("API requests answered, by status class").labelNames("status").register(registry);
        GaugeWithCallback.builder().name("provisioner_runs").help("Runs in the database, by state")
                .labelNames("state").callback(cb -> {
                    Map<String, Long> counts = safely(runsByState);
                    for (String state : new String[] {"queued", "running", "finished", "cancelled"}) {
                        cb.call(counts.getOrDefault(state, 0L), state);
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("provisioner_queue_depth").help("Runs waiting for a worker or a target")
                .callback(cb -> cb.call(safely(runsByState).getOrDefault("queued", 0L))).register(registry);
    }

    private static Map<String, Long> safely(Supplier<Map<String, Long>> counts) {
        try {
            return counts.get();
        } catch (RuntimeException databaseAway) {
            return Map.of();
        }
    }

    public void runFinished(String outcome, double seconds) {
        runs.labelValues(outcome).inc();
        duration.observe(seconds);
    }

    public void attempts(int count) {
        attempts.inc(count);
    }

    public void fixupApplied(String name) {
        fixups.labelValues(name).inc();
    }

    public void diagnosed(String category) {
        diagnoses.labelValues(category == null ? "none" : category).inc();
    }

    public void answered(int status) {
        requests.labelValues((status / 100) + "xx").inc();
    }

    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    public void write(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }
}
