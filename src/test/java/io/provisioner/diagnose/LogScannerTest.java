package io.provisioner.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioner.devstack.BoundedLineReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast scanner (only lines that can matter are decoded) gives exactly the diagnosis of reading every line: each
 * corpus log is buried in noise (120 KB of xtrace and pip output before it, so it lies past the head; 900 lines of
 * output before its last line, so the failed step lies before the window; \r progress bars, a non-UTF-8 line and a
 * line over 64 KB) and diagnosed both ways.
 */
class LogScannerTest {

    static Stream<String> logs() throws Exception {
        List<String> out = new ArrayList<>();
        CategoryLogsTest.cases().forEach(c -> out.add(c.get("file").asText()));
        for (JsonNode c : HeldOutAccuracyTest.cases()) {
            out.add(c.get("file").asText());
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void scannerAndFullReadAgreeOnABuriedLog(String file) throws Exception {
        byte[] log;
        try (InputStream in = LogScannerTest.class.getResourceAsStream("/logs/" + file)) {
            log = in.readAllBytes();
        }
        byte[] buried = bury(log);
        Diagnosis full = Diagnoser.builtin().diagnose(new InputStreamReader(new ByteArrayInputStream(buried),
                StandardCharsets.UTF_8));
        Diagnosis fast = Diagnoser.builtin().diagnose(new ByteArrayInputStream(buried));
        assertThat(fast).as(file + "\nfast: " + fast.toText() + "\nfull: " + full.toText()).isEqualTo(full);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void chunksOfOneMaxLineGiveTheSameDiagnosis(String file) throws Exception {
        // the buried log spans several chunks: the window, the head and the kept xtrace lines cross chunk edges
        byte[] buried;
        try (InputStream in = LogScannerTest.class.getResourceAsStream("/logs/" + file)) {
            buried = bury(in.readAllBytes());
        }
        scanInMaxLineChunksAsAFullRead(file, buried);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void chunksOfWhichNoLineMattersAreTakenAtOnceWithTheSameDiagnosis(String file) throws Exception {
        // 600 KB of noise in 64 KB chunks, a kernel call trace early in it whose block runs on into them
        byte[] buried;
        try (InputStream in = LogScannerTest.class.getResourceAsStream("/logs/" + file)) {
            ByteArrayOutputStream noise = new ByteArrayOutputStream();
            line(noise, "+ ./stack.sh:main:42 :   echo_summary 'Installing packages'");
            for (int n = 0; noise.size() < 600 * 1024; n++) {
                if (n % 997 == 500) {
                    line(noise, "[12345.678] [Call Trace]");
                }
                line(noise, "+ lib/nova:configure_nova:" + (500 + n % 300) + " :   iniset /etc/nova/nova.conf DEFAULT opt"
                        + n + " True");
                line(noise, "Requirement already satisfied: pbr>=2.0.0 in /opt/stack/data/venv/lib/python3.12/site-packages");
            }
            noise.writeBytes(bury(in.readAllBytes()));
            buried = noise.toByteArray();
        }
        LogScanner scanner = scanInMaxLineChunksAsAFullRead(file, buried);
        assertThat(scanner.chunksPassedOver()).as("chunks passed over").isGreaterThan(3);
    }

    /** Scans {@code buried} in chunks of one MAX_LINE and requires the diagnosis a full line-by-line read gives. */
    private static LogScanner scanInMaxLineChunksAsAFullRead(String file, byte[] buried) throws Exception {
        Diagnosis full = Diagnoser.builtin().diagnose(new InputStreamReader(new ByteArrayInputStream(buried),
                StandardCharsets.UTF_8));
        RuleBook rules = Diagnoser.builtin().rules();
        DiagnosisSession session = Diagnoser.builtin().newSession();
        LogScanner scanner = new LogScanner(session, rules.relevance, rules.traceRelevance, BoundedLineReader.MAX_LINE);
        scanner.scan(new ByteArrayInputStream(buried));
        Diagnosis chunked = session.diagnosis();
        assertThat(chunked).as(file + "\nchunked: " + chunked.toText() + "\nfull: " + full.toText()).isEqualTo(full);
        return scanner;
    }

    static byte[] bury(byte[] log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 0;
        while (out.size() < 120 * 1024) {
            line(out, "+ lib/nova:configure_nova:" + (500 + n % 300) + " :   iniset /etc/nova/nova.conf DEFAULT opt" + n + " True");
            line(out, "Requirement already satisfied: pbr>=2.0.0 in /opt/stack/data/venv/lib/python3.12/site-packages");
            out.writeBytes(("Receiving objects:  " + (n % 100) + "% (1/9)\r").getBytes(StandardCharsets.US_ASCII));
            n++;
        }
        out.writeBytes(new byte[]{'o', 'd', 'd', (byte) 0xC3, (byte) 0x28, ' ', 'b', 'y', 't', 'e', 's', '\n'});
        line(out, "x".repeat(70 * 1024));
        int lastLine = log.length - 1;
        while (lastLine > 0 && log[lastLine - 1] != '\n') {
            lastLine--;
        }
        if (log.length > 0 && log[log.length - 1] == '\n') {
            lastLine = log.length - 1;
            while (lastLine > 0 && log[lastLine - 1] != '\n') {
                lastLine--;
            }
        }
        out.write(log, 0, lastLine);
        for (int k = 0; k < 900; k++) {
            line(out, "  Downloading oslo.config-9.4.0-py3-none-any.whl (131 kB) " + k);
        }
        out.write(log, lastLine, log.length - lastLine);
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, String s) {
        out.writeBytes((s + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
