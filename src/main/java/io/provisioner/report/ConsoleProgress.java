package io.provisioner.report;

import io.provisioner.deploy.DeployEvent;
import io.provisioner.deploy.EventSink;
import io.provisioner.deploy.HostStatus;
import io.provisioner.deploy.StepStatus;
import io.provisioner.devstack.PhaseOrder;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progress for a person. Finished steps are printed as lines that stay. On a terminal, below them, a status
 * block of one live line per running host (step, attempt, stack.sh phase and how far into DevStack's phase
 * order it is, elapsed time, the last meaningful log line), fitted to the terminal's width, redrawn in place
 * and gone once the host finishes, so the summary that follows repeats nothing. Elsewhere (a pipe, CI): plain
 * lines stamped to the second, one per step change and per phase change.
 * A failure's paragraph is left to the summary: here a diagnosis shows its category, a failed host its status.
 */
public final class ConsoleProgress implements EventSink, AutoCloseable {
    private static final String ESC = "\033[";
    private final PrintWriter out;
    private final boolean live;
    private final Clock clock;
    private final int width;
    private final Map<String, HostLine> running = new LinkedHashMap<>();
    private final Map<String, String> lastPhase = new LinkedHashMap<>();
    private int drawn;

    /** What the live line of one host shows. */
    private static final class HostLine {
        String step = "";
        int attempt = 1;
        String phase;
        double position = -1;
        Instant stepStarted;
        Duration elapsed;
        String lastLine;
    }

    public ConsoleProgress(PrintWriter out, boolean live, Clock clock) {
        this(out, live, clock, TerminalWidth.FALLBACK);
    }

    public ConsoleProgress(PrintWriter out, boolean live, Clock clock, int width) {
        this.out = out;
        this.live = live;
        this.clock = clock;
        this.width = width;
    }

    public static ConsoleProgress forStdout(PrintWriter out) {
        boolean live = System.console() != null && System.getenv("CI") == null && !"dumb".equals(System.getenv("TERM"));
        return new ConsoleProgress(out, live, Clock.systemUTC(), live ? TerminalWidth.detect(System.getenv()) : TerminalWidth.FALLBACK);
    }

    @Override
    public synchronized void accept(DeployEvent event) {
        if (event instanceof DeployEvent.LogLine) {
            return; // the log itself goes to its file; the console shows progress
        }
        if (event instanceof DeployEvent.Progress update) {
            progress(update);
            return;
        }
        String text = describe(event);
        if (!live) {
            plain(event.host(), text);
            return;
        }
        if (event instanceof DeployEvent.StepStarted started) {
            HostLine line = running.computeIfAbsent(started.host(), host -> new HostLine());
            line.step = started.step();
            line.attempt = started.attempt();
            line.lastLine = null;
            if (started.step().equals("stack")) {
                line.phase = null;
                line.position = -1;
            }
            line.stepStarted = Instant.now(clock);
            line.elapsed = null;
            redraw();
            return;
        }
        if (event instanceof DeployEvent.HostFinished) {
            running.remove(event.host());
        }
        clearBlock();
        out.println(String.format("%-12s %s", event.host(), text));
        redraw();
    }

    /** Clears the status block (a host that never finished leaves no line behind); call before the summary. */
    @Override
    public synchronized void close() {
        running.clear();
        if (live) {
            clearBlock();
            out.flush();
        }
    }

    private void progress(DeployEvent.Progress update) {
        if (!live) {
            if (update.phase() != null && !update.phase().equals(lastPhase.put(update.host(), update.phase()))) {
                plain(update.host(), "stack.sh: " + update.phase() + " (" + clock(update.elapsed()) + ")");
            }
            return;
        }
        HostLine line = running.computeIfAbsent(update.host(), host -> new HostLine());
        line.phase = update.phase();
        line.position = Math.max(line.position, PhaseOrder.position(update.phase()));
        line.elapsed = update.elapsed();
        String meaningful = MeaningfulLine.of(update.lastLine());
        if (meaningful != null) {
            line.lastLine = meaningful;
        }
        redraw();
    }

    private static String describe(DeployEvent event) {
        if (event instanceof DeployEvent.StepStarted started) {
            return started.step() + ": started" + (started.attempt() > 1 ? " (attempt " + started.attempt() + ")" : "");
        }
        if (event instanceof DeployEvent.StepFinished finished) {
            String detail = finished.detail() == null ? "" : finished.detail();
            if (finished.step().equals("diagnose")) {
                detail = category(detail);
            }
            return finished.step() + ": " + verdict(finished.status()) + " in " + clock(finished.took())
                    + (detail.isEmpty() ? "" : " - " + detail);
        }
        DeployEvent.HostFinished finished = (DeployEvent.HostFinished) event;
        boolean healthy = finished.report().status() == HostStatus.HEALTHY;
        return "finished: " + finished.report().status().label() + (!healthy ? " (the diagnosis follows the summary)"
                : finished.report().message() == null ? "" : " - " + finished.report().message());
    }

    /** A diagnosis reads "category: paragraph"; the paragraph belongs to the summary. */
    private static String category(String detail) {
        int colon = detail.indexOf(": ");
        return colon > 0 && detail.substring(0, colon).matches("[a-z0-9-]+") ? detail.substring(0, colon) : detail;
    }

    private static String verdict(StepStatus status) {
        return switch (status) {
            case PASSED -> "ok";
            case WARNED -> "ok with warnings";
            case FAILED -> "failed";
            case SKIPPED -> "skipped";
        };
    }

    private void plain(String host, String text) {
        out.println(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) + " " + host + " " + text);
        out.flush();
    }

    /** Moves to the first line of the status block and erases it and everything below. */
    private void clearBlock() {
        if (drawn > 0) {
            out.print(ESC + drawn + "A\r" + ESC + "J");
            drawn = 0;
        }
    }

    private void redraw() {
        clearBlock();
        StringBuilder block = new StringBuilder();
        for (Map.Entry<String, HostLine> entry : running.entrySet()) {
            block.append(render(entry.getKey(), entry.getValue())).append(ESC).append("K\n");
        }
        out.print(block);
        drawn = running.size();
        out.flush();
    }

    /** One live line, never wider than the terminal (a wrapped line would break the redraw). */
    private String render(String host, HostLine line) {
        StringBuilder text = new StringBuilder(String.format("%-12s %s", host, line.step));
        if (line.attempt > 1) {
            text.append(" #").append(line.attempt);
        }
        if (line.step.equals("stack") && line.phase != null) {
            text.append(": ").append(line.phase);
            if (line.position >= 0) {
                text.append(" [").append(Math.round(line.position * 100)).append("%]");
            }
        }
        Duration elapsed = line.elapsed != null ? line.elapsed
                : line.stepStarted == null ? Duration.ZERO : Duration.between(line.stepStarted, Instant.now(clock));
        text.append("  ").append(clock(elapsed));
        if (line.lastLine != null) {
            text.append("  ").append(line.lastLine);
        }
        return clip(text.toString(), width - 1);
    }

    static String clock(Duration duration) {
        long seconds = duration.getSeconds();
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    private static String clip(String text, int max) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() <= max ? clean : clean.substring(0, Math.max(0, max - 1)) + "…";
    }
}
