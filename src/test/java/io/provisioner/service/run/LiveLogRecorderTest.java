package io.provisioner.service.run;

import io.provisioner.deploy.DeployEvent;
import io.provisioner.deploy.StepStatus;
import io.provisioner.service.db.Database;
import io.provisioner.service.db.LogAttempt;
import io.provisioner.service.db.LogRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live log in a real (embedded H2, PostgreSQL mode) database: lines stored per attempt in bounded
 * chunks while a deploy follows stack.sh, read back by byte range, and kept across a takeover by another
 * instance (a re-attached follow delivers the attempt's lines again from the first).
 */
class LiveLogRecorderTest {
    private static final String RUN = "20261207T042000-live01";

    @TempDir
    Path dir;

    @Test
    void linesOfEachAttemptAreStoredWhileTheyArriveInChunksOfAtMost64KilobytesAndReadBackByRange() {
        try (Database db = Database.open(Database.defaultUrl(dir), 4)) {
            LogRepository logs = new LogRepository(db);
            LiveLogRecorder recorder = new LiveLogRecorder(logs, RUN, false, "instance-a");
            List<String> first = lines("attempt one", 3000);
            first.forEach(line -> recorder.accept(new DeployEvent.LogLine("ctl", 1, line)));
            long storedWhileRunning = logs.length(RUN, "ctl", 1);
            assertThat(storedWhileRunning).as("stored before the stack step ended").isPositive();

            recorder.accept(new DeployEvent.StepFinished("ctl", "stack", 1, StepStatus.FAILED, Duration.ofSeconds(3), "exit 1"));
            recorder.accept(new DeployEvent.LogLine("ctl", 2, "attempt two: the only line"));
            recorder.close();

            byte[] attemptOne = text(first).getBytes(StandardCharsets.UTF_8);
            assertThat(logs.attempts(RUN)).containsExactly(new LogAttempt("ctl", 1, attemptOne.length),
                    new LogAttempt("ctl", 2, "attempt two: the only line\n".length()));
            assertThat(new String(logs.read(RUN, "ctl", 1, 0, attemptOne.length - 1), StandardCharsets.UTF_8))
                    .isEqualTo(text(first));
            assertThat(logs.read(RUN, "ctl", 1, 70_000, 70_099))
                    .isEqualTo(java.util.Arrays.copyOfRange(attemptOne, 70_000, 70_100));
            assertThat(chunkSizes(db)).as("chunk sizes").allSatisfy(size ->
                    assertThat(size).isLessThanOrEqualTo(LiveLogRecorder.FLUSH_BYTES + 200));
            assertThat(chunkSizes(db).size()).as("bounded writes: batches, not one write per line")
                    .isBetween(attemptOne.length / (LiveLogRecorder.FLUSH_BYTES + 200), 20);
        }
    }

    @Test
    void linesWaitingForTheirBatchAreStoredByTheTimerAfterHalfASecond() throws Exception {
        try (Database db = Database.open(Database.defaultUrl(dir), 4)) {
            LogRepository logs = new LogRepository(db);
            LiveLogRecorder recorder = new LiveLogRecorder(logs, RUN, false, "instance-a");
            recorder.accept(new DeployEvent.LogLine("ctl", 1, "+ stack.sh:main:10 echo quiet from here on"));
            recorder.flushDue();
            assertThat(logs.length(RUN, "ctl", 1)).as("too soon for the timer").isZero();
            Thread.sleep(LiveLogRecorder.FLUSH_EVERY.toMillis() + 50);
            recorder.flushDue();
            assertThat(logs.length(RUN, "ctl", 1)).isEqualTo("+ stack.sh:main:10 echo quiet from here on\n".length());
        }
    }

    @Test
    void anInstanceThatReattachesKeepsTheLogSoFarAndStoresEachLineOnce() {
        try (Database db = Database.open(Database.defaultUrl(dir), 4)) {
            LogRepository logs = new LogRepository(db);
            List<String> all = lines("re-attached", 2500);
            LiveLogRecorder died = new LiveLogRecorder(logs, RUN, false, "instance-a");
            all.subList(0, 1500).forEach(line -> died.accept(new DeployEvent.LogLine("ctl", 1, line)));
            long before = logs.length(RUN, "ctl", 1);
            assertThat(before).as("instance a stored part of the log before it died (its last batch never)").isPositive();

            LiveLogRecorder takeover = new LiveLogRecorder(logs, RUN, true, "instance-b");
            all.forEach(line -> takeover.accept(new DeployEvent.LogLine("ctl", 1, line)));
            takeover.close();

            long length = logs.length(RUN, "ctl", 1);
            assertThat(new String(logs.read(RUN, "ctl", 1, 0, length - 1), StandardCharsets.UTF_8)).isEqualTo(text(all));
        }
    }

    @Test
    void aRunStartedAgainOnNewHostsKeepsTheEarlierLinesAndSaysWhereTheNewOnesBegin() {
        try (Database db = Database.open(Database.defaultUrl(dir), 4)) {
            LogRepository logs = new LogRepository(db);
            LiveLogRecorder died = new LiveLogRecorder(logs, RUN, false, "instance-a");
            died.accept(new DeployEvent.LogLine("sandbox1", 1, "first start, line 1"));
            died.close();

            LiveLogRecorder again = new LiveLogRecorder(logs, RUN, false, "instance-b");
            again.accept(new DeployEvent.LogLine("sandbox1", 1, "second start, line 1"));
            again.close();

            long length = logs.length(RUN, "sandbox1", 1);
            assertThat(new String(logs.read(RUN, "sandbox1", 1, 0, length - 1), StandardCharsets.UTF_8).lines().toList())
                    .containsExactly("first start, line 1",
                            "-- provisioner: instance instance-b took this run over and started stack.sh attempt 1 again; "
                                    + "the lines above are from before --",
                            "second start, line 1");
        }
    }

    private static List<String> lines(String label, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> "2026-12-07 04:20:" + String.format("%02d", n % 60)
                + ".123 | + ./stack.sh:main:" + n + " " + label + " line " + n + " with some xtrace text é").toList();
    }

    private static String text(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    private static List<Integer> chunkSizes(Database db) {
        List<Integer> out = new ArrayList<>();
        try (var c = db.connection(); var ps = c.prepareStatement("select byte_length from run_log_chunks where run_id = ? "
                + "and attempt = 1 order by byte_offset")) {
            ps.setString(1, RUN);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
