package io.provisioner.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.spec.SecretMasker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run journal: append-only JSON lines, one record per step transition, forced to disk per record, so
 * a crash or a killed provisioner leaves everything {@code deploy --resume} needs. Every text field
 * passes through the masker: no secret reaches the file.
 */
public final class Journal implements RunStore {
    public static final String FILE_NAME = "journal.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final SecretMasker masker;
    private final FileChannel channel;

    private Journal(Path file, SecretMasker masker) throws IOException {
        this.file = file;
        this.masker = masker;
        Files.createDirectories(file.getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    public static Journal open(Path stateDir, SecretMasker masker) {
        try {
            return new Journal(stateDir.resolve(FILE_NAME), masker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one record and forces it to disk before returning. */
    @Override
    public synchronized void append(JournalRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("ts", record.time().toString());
        node.put("run", record.run());
        node.put("host", record.host());
        node.put("step", record.step());
        node.put("state", record.state().label());
        if (record.detail() != null) {
            node.put("detail", masker.mask(record.detail()));
        }
        if (!record.data().isEmpty()) {
            ObjectNode data = node.putObject("data");
            record.data().forEach((key, value) -> data.put(key, masker.mask(value)));
        }
        byte[] line = (node + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            channel.write(ByteBuffer.wrap(line));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
    }

    public void append(String run, String host, String step, StepState state, String detail,
                       Map<String, String> data) {
        append(new JournalRecord(Instant.now(), run, host, step, state, detail, data));
    }

    /** Every complete record of this journal's file, oldest first. */
    @Override
    public List<JournalRecord> records() {
        return readFile(file);
    }

    /** Reads every complete record; a torn last line (a crash mid-write) is ignored. */
    public static List<JournalRecord> read(Path stateDir) {
        return readFile(stateDir.resolve(FILE_NAME));
    }

    private static List<JournalRecord> readFile(Path file) {
        List<JournalRecord> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JournalRecord.fromJson(JSON.readTree(line)));
                } catch (IOException | RuntimeException torn) {
                    // a partial record from a crash: the records before it are intact
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // every record was forced already; nothing is lost
        }
    }
}
