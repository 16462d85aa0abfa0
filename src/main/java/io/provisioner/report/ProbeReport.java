package io.provisioner.report;

import io.provisioner.probe.ProbeOutcome;
import io.provisioner.probe.ProbeResult;

import java.io.PrintWriter;
import java.util.List;

/** {@code probe}'s output: a table with a header and an "N of M up" line for people, an array for scripts. */
public final class ProbeReport {
    private static final String HEX = "0123456789ABCDEF";

    private ProbeReport() {
    }

    /** The table; padded by hand, as {@code %-Ns} would pad it (a format string parsed per row was most of a big sweep's printing). */
    public static void text(List<ProbeResult> results, PrintWriter out) {
        int width = Math.max("TARGET".length(),
                results.stream().mapToInt(result -> result.target().length()).max().orElse(0));
        StringBuilder chunk = new StringBuilder(8192);
        row(chunk, width, "TARGET", "OUTCOME", "ADDRESS", "TIME", "DETAIL");
        for (ProbeResult result : results) {
            row(chunk, width, result.target(), result.outcome().label(),
                    result.resolvedAddress() == null ? "-" : result.resolvedAddress(),
                    result.elapsedMillis() + " ms", result.detail() == null ? "" : result.detail());
            if (chunk.length() >= 8000) {
                out.append(chunk);
                chunk.setLength(0);
            }
        }
        out.append(chunk);
        long healthy = results.stream().filter(ProbeResult::isHealthy).count();
        long degraded = results.stream().filter(result -> result.outcome() == ProbeOutcome.DEGRADED).count();
        out.println(healthy + " of " + results.size() + " up" + (degraded == 0 ? "" : " (" + degraded + " degraded)"));
        out.flush();
    }

    /** One row: what {@code "%-WIDTHs  %-19s %-22s %9s  %s%n"} prints. */
    private static void row(StringBuilder table, int width, String target, String outcome, String address, String time,
                            String detail) {
        padRight(table, target, width).append("  ");
        padRight(table, outcome, 19).append(' ');
        padRight(table, address, 22).append(' ');
        table.append(" ".repeat(Math.max(0, 9 - time.length()))).append(time).append("  ");
        table.append(detail).append(System.lineSeparator());
    }

    private static StringBuilder padRight(StringBuilder table, String text, int width) {
        table.append(text);
        for (int pad = width - text.length(); pad > 0; pad--) {
            table.append(' ');
        }
        return table;
    }

    /**
     * The JSON array, written as it goes (a 20 000-port sweep is 3 MB of it): the very bytes Jackson's pretty
     * printer gave for this fixed shape ({@code [ {}, {} ]}, two-space indent, {@code "key" : value}), with
     * Jackson's string escapes, so scripts see no difference. Writing it by hand skips Jackson's start-up and a
     * tree of 100 000 nodes.
     */
    public static void json(List<ProbeResult> results, PrintWriter out) {
        StringBuilder chunk = new StringBuilder(8192);
        if (results.isEmpty()) {
            chunk.append("[ ]");
        }
        for (int i = 0; i < results.size(); i++) {
            ProbeResult result = results.get(i);
            chunk.append(i == 0 ? "[ {\n" : ", {\n");
            field(chunk, "target", result.target()).append(",\n");
            field(chunk, "outcome", result.outcome().label()).append(",\n");
            field(chunk, "address", result.resolvedAddress()).append(",\n");
            chunk.append("  \"elapsed_ms\" : ").append(result.elapsedMillis()).append(",\n");
            field(chunk, "detail", result.detail()).append("\n}");
            if (i == results.size() - 1) {
                chunk.append(" ]");
            }
            if (chunk.length() >= 8000) {
                out.append(chunk);
                chunk.setLength(0);
            }
        }
        out.append(chunk);
        out.println();
        out.flush();
    }

    private static StringBuilder field(StringBuilder json, String key, String value) {
        json.append("  \"").append(key).append("\" : ");
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (ch < 0x20) {
                        json.append("\\u00").append(HEX.charAt(ch >> 4)).append(HEX.charAt(ch & 0xF));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        return json.append('"');
    }
}
