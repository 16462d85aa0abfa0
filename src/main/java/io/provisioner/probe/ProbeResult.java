package io.provisioner.probe;

/**
 * One probe's answer. {@code resolvedAddress} is the {@code ip:port} last tried (null when the name did not
 * resolve); {@code detail} is what a person needs: the server version, the HTTP status, the error's gist.
 * {@code elapsedMillis} is the probe's own time, DNS to last byte; in a sweep, time spent waiting for a free
 * slot or worker thread is not in it (nor charged to the probe's deadline).
 */
public record ProbeResult(String target, String resolvedAddress, ProbeOutcome outcome, long elapsedMillis, String detail) {

    public boolean isHealthy() {
        return outcome.isHealthy();
    }

    /** One line for humans: {@code mysql://db:3306  up  127.0.0.1:3306  3 ms  MariaDB 10.11.19}. */
    public String toLine() {
        return target + "  " + outcome.label() + "  " + (resolvedAddress == null ? "-" : resolvedAddress) + "  "
                + elapsedMillis + " ms" + (detail == null || detail.isEmpty() ? "" : "  " + detail);
    }
}
