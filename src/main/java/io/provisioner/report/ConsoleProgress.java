package io.provisioner.report;

import io.provisioner.deploy.DeployEvent;
import io.provisioner.deploy.EventSink;
import io.provisioner.deploy.StepStatus;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progress for a person. On a terminal: one live line per host (phase, elapsed, last log line), redrawn
 * in place. Elsewhere (a pipe, CI): plain timestamped lines, one per step change and per phase change, so
 * logs stay readable.
 */
public final class ConsoleProgress implements EventSink {
    private static final int WIDTH = 120;
    private final PrintWriter out;
    private final boolean live;
    private final Clock clock;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private final Map<String, String> lastPhase = new LinkedHashMap<>();
    private int drawn;

    public ConsoleProgress(PrintWriter out, boolean live, Clock clock) {
        this.out = out;
        this.live = live;
        this.clock = clock;
    }

    public static ConsoleProgress forStdout(PrintWriter out) {
        return new ConsoleProgress(out, System.console() != null && System.getenv("CI") == null,
                Clock.systemUTC());
    }

    @Override
    public synchronized void accept(DeployEvent event) {
        if (event instanceof DeployEvent.Progress p) {
            if (live) {
                lines.put(p.host(), String.format("%-12s %-28s %6s  %s", p.host(), clip(p.phase(), 28),
                        clock(p.elapsed()), clip(p.lastLine(), WIDTH - 52)));
                redraw();
            } else if (p.phase() != null && !p.phase().equals(lastPhase.put(p.host(), p.phase()))) {
                plain(p.host(), "stack.sh: " + p.phase() + " (" + clock(p.elapsed()) + ")");
            }
            return;
        }
        String text = describe(event);
        if (live) {
            lines.put(event.host(), String.format("%-12s %s", event.host(), clip(text, WIDTH - 13)));
            if (event instanceof DeployEvent.StepFinished || event instanceof DeployEvent.HostFinished) {
                clear();
                out.println(String.format("%-12s %s", event.host(), text));
                drawn = 0;
            }
            redraw();
        } else {
            plain(event.host(), text);
        }
    }

    private static String describe(DeployEvent event) {
        if (event instanceof DeployEvent.StepStarted s) {
            return s.step() + ": started" + (s.attempt() > 1 ? " (attempt " + s.attempt() + ")" : "");
        }
        if (event instanceof DeployEvent.StepFinished s) {
            return s.step() + ": " + verdict(s.status()) + " in " + clock(s.took())
                    + (s.detail() == null || s.detail().isEmpty() ? "" : " - " + s.detail());
        }
        DeployEvent.HostFinished h = (DeployEvent.HostFinished) event;
        return "finished: " + h.report().status().label()
                + (h.report().message() == null ? "" : " - " + h.report().message());
    }

    private static String verdict(StepStatus s) {
        return switch (s) {
            case PASSED -> "ok";
            case WARNED -> "ok with warnings";
            case FAILED -> "FAILED";
            case SKIPPED -> "skipped";
        };
    }

    private void plain(String host, String text) {
        out.println(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) + " " + host + " " + text);
    }

    private void clear() {
        for (int i = 0; i < drawn; i++) {
            out.print("\033[1A\033[2K");
        }
    }

    private void redraw() {
        clear();
        for (String l : lines.values()) {
            out.println(l);
        }
        drawn = lines.size();
        out.flush();
    }

    static String clock(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\p{Cntrl}", " ").strip();
        return t.length() <= max ? t : t.substring(0, Math.max(0, max - 1)) + "…";
    }
}
