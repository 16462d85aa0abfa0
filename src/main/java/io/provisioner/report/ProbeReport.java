package io.provisioner.report;

import io.provisioner.probe.ProbeOutcome;
import io.provisioner.probe.ProbeResult;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;

/** {@code probe}'s output: a table with a header and an "N of M up" line for people, an array for scripts. */
public final class ProbeReport {
    private static final String HEX = "0123456789ABCDEF";

    private ProbeReport() {
    }

    /** The table; padded by hand, as {@code %-Ns} would pad it (a format string parsed per row was most of a big sweep's printing). */
    public static void text(List<ProbeResult> results, PrintWriter out) {
        Table table = new Table(results.stream().mapToInt(result -> result.target().length()).max().orElse(0));
        results.forEach(table);
        table.writeTo(out);
    }

    /**
     * {@link #text}'s table built one result at a time, in order (a sweep hands them over as they come), and written
     * whole by {@link #writeTo}: nothing is printed before the last result is in.
     */
    public static final class Table implements Consumer<ProbeResult> {
        private final int width;
        private final StringBuilder table = new StringBuilder(8192);
        private int count;
        private int healthy;
        private int degraded;

        /** @param longestTarget the length of the longest target text of the results to come */
        public Table(int longestTarget) {
            width = Math.max("TARGET".length(), longestTarget);
            row(table, width, "TARGET", "OUTCOME", "ADDRESS", "TIME", "DETAIL");
        }

        @Override
        public void accept(ProbeResult result) {
            row(table, width, result.target(), result.outcome().label(),
                    result.resolvedAddress() == null ? "-" : result.resolvedAddress(),
                    result.elapsedMillis() + " ms", result.detail() == null ? "" : result.detail());
            count++;
            healthy += result.isHealthy() ? 1 : 0;
            degraded += result.outcome() == ProbeOutcome.DEGRADED ? 1 : 0;
        }

        public void writeTo(PrintWriter out) {
            out.append(table);
            out.println(healthy + " of " + count + " up" + (degraded == 0 ? "" : " (" + degraded + " degraded)"));
            out.flush();
        }
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
        JsonArray json = new JsonArray();
        results.forEach(json);
        json.writeTo(out);
    }

    /**
     * {@link #json}'s array built one result at a time, in order (a sweep hands them over as they come, so the array
     * is ready when its last probe ends), and written whole by {@link #writeTo}: nothing is printed before the last
     * result is in.
     */
    public static final class JsonArray implements Consumer<ProbeResult> {
        private final StringBuilder json = new StringBuilder(8192);
        private int count;

        @Override
        public void accept(ProbeResult result) {
            json.append(count++ == 0 ? "[ {\n" : ", {\n");
            field(json, "target", result.target()).append(",\n");
            field(json, "outcome", result.outcome().label()).append(",\n");
            field(json, "address", result.resolvedAddress()).append(",\n");
            json.append("  \"elapsed_ms\" : ").append(result.elapsedMillis()).append(",\n");
            field(json, "detail", result.detail()).append("\n}");
        }

        public void writeTo(PrintWriter out) {
            out.append(json).append(count == 0 ? "[ ]" : " ]");
            out.println();
            out.flush();
        }
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
