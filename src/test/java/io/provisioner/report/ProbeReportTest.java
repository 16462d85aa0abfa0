package io.provisioner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.probe.ProbeOutcome;
import io.provisioner.probe.ProbeResult;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeReportTest {

    /** The JSON as it was printed before it was written by hand: Jackson's tree, pretty-printed. */
    private static String jackson(List<ProbeResult> results) {
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
        return array.toPrettyString() + System.lineSeparator();
    }

    private static String written(List<ProbeResult> results) {
        StringWriter text = new StringWriter();
        ProbeReport.json(results, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void jsonIsTheBytesJacksonPrintedForEveryKindOfText() {
        StringBuilder everyControl = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            everyControl.append(c);
        }
        List<ProbeResult> results = List.of(
                new ProbeResult("tcp://127.0.0.1:22", "127.0.0.1:22", ProbeOutcome.UP, 3, "SSH-2.0-OpenSSH_9.2p1"),
                new ProbeResult("tcp://nowhere.invalid:1", null, ProbeOutcome.DNS_FAILURE, 0, null),
                new ProbeResult("http://h/\"quoted\"\\back", "[::1]:80", ProbeOutcome.SERVICE_ERROR, 1234567890123L,
                        "HTTP 500 \"oops\"\r\n\tat line\u007f é ✓ \ud83d\ude00 </script>" + everyControl),
                new ProbeResult("", "", ProbeOutcome.REFUSED, -1, ""));
        assertThat(written(results)).isEqualTo(jackson(results));
        assertThat(written(results.subList(0, 1))).isEqualTo(jackson(results.subList(0, 1)));
        assertThat(written(List.of())).isEqualTo(jackson(List.of()));
    }

    @Test
    void aLongSweepIsWrittenWhole() {
        List<ProbeResult> results = new ArrayList<>();
        for (int port = 1; port <= 3000; port++) {
            results.add(new ProbeResult("tcp://127.0.0.1:" + port, "127.0.0.1:" + port, ProbeOutcome.REFUSED, port % 7,
                    "Connection refused"));
        }
        assertThat(written(results)).isEqualTo(jackson(results));
    }

    @Test
    void theTableIsWhatItsFormatStringPrinted() {
        List<ProbeResult> results = List.of(
                new ProbeResult("tcp://127.0.0.1:22", "127.0.0.1:22", ProbeOutcome.UP, 3, "SSH-2.0-OpenSSH_9.2p1"),
                new ProbeResult("tcp://nowhere.invalid:1", null, ProbeOutcome.DNS_FAILURE, 0, null),
                new ProbeResult("http://a-very-long-host-name.example.org:8080/identity/v3/", "[2001:db8::1234:5678]:8080",
                        ProbeOutcome.DEGRADED, 123456789012L, "HTTP 429"),
                new ProbeResult("x", "", ProbeOutcome.CONNECT_TIMEOUT, 1000, ""));
        int width = results.stream().mapToInt(r -> r.target().length()).max().orElse(0);
        String row = "%-" + width + "s  %-19s %-22s %9s  %s%n";
        StringBuilder expected = new StringBuilder(String.format(row, "TARGET", "OUTCOME", "ADDRESS", "TIME", "DETAIL"));
        for (ProbeResult r : results) {
            expected.append(String.format(row, r.target(), r.outcome().label(),
                    r.resolvedAddress() == null ? "-" : r.resolvedAddress(), r.elapsedMillis() + " ms",
                    r.detail() == null ? "" : r.detail()));
        }
        expected.append("2 of 4 up (1 degraded)").append(System.lineSeparator());
        StringWriter text = new StringWriter();
        ProbeReport.text(results, new PrintWriter(text));
        assertThat(text.toString()).isEqualTo(expected.toString());
    }
}
