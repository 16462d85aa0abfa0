package io.provisioner.devstack;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a stack.sh log line by line in constant memory and keeps what DevStack's own output says: PS4 frames,
 * {@code [Call Trace]}, {@code [ERROR]}, the exit trap, worlddump, the timing table, the closing summary and test
 * summaries. Feed it with {@link #accept(String)} as the log grows, or call {@link #read(Reader)} for a whole log.
 *
 * <p>The failed step is the last frame before the exit trap ("Error on exit"); anything after that line describes
 * the machine's state (worlddump) and never moves the failed step.
 */
public final class StackLogReader {
    static final int MAX_ERRORS = 20;
    static final int MAX_TRACE = 40;
    static final int MAX_TABLE = 64;
    static final int MAX_CHAIN = 12;

    /** DevStack's own error and trap machinery: never the step that failed. */
    private static final Set<String> MACHINERY = Set.of("die", "err", "backtrace", "exit_trap", "err_trap",
            "kill_spinner", "clean", "cleanup_child_procs");

    private final PhaseTracker phases = new PhaseTracker();
    private final List<ErrorLine> errors = new ArrayList<>();
    private final List<TraceFrame> callTrace = new ArrayList<>();
    private final Map<String, Long> timing = new LinkedHashMap<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final Map<String, String> exercises = new LinkedHashMap<>();
    private final Map<String, Long> tempest = new LinkedHashMap<>();

    private long lineNo;
    private boolean afterExit;
    private long errorOnExitLine = -1;
    private long stackFailedLine = -1;
    private boolean inTrace;
    private boolean inTiming;
    private boolean inExercises;
    private boolean completed;
    private Integer exitStatus;
    private Ps4Frame lastFrame;
    private long lastFrameLine = -1;
    private String worlddump;
    private String fullLog;
    private Era era;
    /** The functions of the latest PS4 frames before the failure, newest last, each once (bounded). */
    private final java.util.ArrayDeque<String> recentFunctions = new java.util.ArrayDeque<>();
    private String startingService;

    /**
     * Literals of the lines this reader acts on outside a block: a line containing none of them changes nothing but
     * the line count, unless it continues a {@code [Call Trace]} or timing table, or lies among the last lines before
     * the failure (the failed step and the failing chain). A fast scanner may skip such lines with
     * {@link #skipLines(long)}; {@link #BLOCK_STARTS} begin blocks whose following lines must be read.
     */
    public static List<String> markers() {
        List<String> out = new ArrayList<>(List.of("Error on exit", "[ERROR] ", "[Call Trace]", "stack.sh failed",
                "stack.sh completed in ", "World dumping... see ", "This is your host IP", "Horizon is now available at ",
                "Keystone is serving at ", "DevStack Component Timing", "*** FINISHED", "echo_summary",
                "devstack@", "+ failed", "inc/async", "screen -", "git://git.openstack.org", "Ran: ", " - Passed: ",
                " - Failed: ", " - Skipped: ", "========================================"));
        out.addAll(STARTERS);
        out.addAll(PhaseTracker.literals());
        return out;
    }

    /** Lines that open a block whose next lines carry no marker of their own. */
    public static final List<String> BLOCK_STARTS = List.of("[Call Trace]", "DevStack Component Timing",
            "========================================");

    /** Counts lines a fast scanner skipped because they contain no {@link #markers()} (see there). */
    public void skipLines(long n) {
        lineNo += n;
    }

    /**
     * A PS4 frame a fast scanner skipped, given after later lines with its own line number: it becomes the failed
     * step (and joins the failing chain) only when it is newer than every frame read so far. Nothing else changes.
     */
    public void lateFrame(long number, String raw) {
        if (afterExit || number <= lastFrameLine) {
            return;
        }
        String t = LogLine.normalize(raw);
        if (t.isEmpty() || t.charAt(0) != '+') {
            return;
        }
        long saved = lineNo;
        lineNo = number;
        frame(t);
        lineNo = saved;
    }

    /** Reads a whole log. Lines longer than {@link BoundedLineReader#MAX_LINE} are cut; memory stays constant. */
    public static StackLogSummary read(Reader in) throws IOException {
        StackLogReader r = new StackLogReader();
        BoundedLineReader lines = new BoundedLineReader(in);
        for (String s = lines.readLine(); s != null; s = lines.readLine()) {
            r.accept(s);
        }
        return r.summary();
    }

    /** Feeds one raw line (without its terminator); returns the normalised line. Never throws. */
    public LogLine accept(String raw) {
        lineNo++;
        String t = LogLine.normalize(raw);
        LogLine out = new LogLine(lineNo, t, afterExit);
        if (t.isEmpty()) {
            return out;
        }
        char c = t.charAt(0);
        if (inTiming && timingRow(t)) {
            return out;
        }
        if (inTrace && c != '[') {
            TraceFrame f = TraceFrame.parse(t);
            if (f != null) {
                if (callTrace.size() < MAX_TRACE) {
                    callTrace.add(f);
                }
                return out;
            }
            inTrace = false;
        }
        switch (c) {
            case '+' -> frame(t);
            case '[' -> bracket(t);
            case 'E' -> {
                if (t.startsWith("Error on exit")) {
                    if (errorOnExitLine < 0) {
                        errorOnExitLine = lineNo;
                    }
                    afterExit = true;
                }
            }
            case 'W' -> {
                if (t.startsWith("World dumping... see ")) {
                    worlddump = word(t, 21);
                }
            }
            case 's' -> stackLine(t);
            case 'T' -> summaryFact(t, "This is your host IP address: ", "host_ip");
            case 'H' -> summaryFact(t, "Horizon is now available at ", "horizon_url");
            case 'K' -> summaryFact(t, "Keystone is serving at ", "keystone_url");
            case 'D' -> {
                if (t.startsWith("DevStack Component Timing")) {
                    inTiming = true;
                }
            }
            case '*' -> finished(t);
            case '=' -> inExercises = t.length() >= 40 && t.chars().allMatch(ch -> ch == '=');
            case 'P', 'F', 'S' -> exercise(t);
            case 'R' -> tempestCount(t, "Ran: ", "ran");
            case ' ' -> {
                tempestCount(t, " - Passed: ", "passed");
                tempestCount(t, " - Failed: ", "failed");
                tempestCount(t, " - Skipped: ", "skipped");
            }
            default -> {
            }
        }
        if (c != '+') {
            phases.accept(t, null);
        }
        return out;
    }

    private void frame(String t) {
        Ps4Frame f = Ps4Frame.parse(t);
        if (f == null) {
            if (isLegacyErrTrap(t) && errorOnExitLine < 0) {
                errorOnExitLine = lineNo;
                afterExit = true;
            }
            return;
        }
        phases.accept(t, f);
        if (era == null) {
            String cmd = f.command();
            if (cmd.contains("devstack@") || f.step().file().startsWith("inc/async")) {
                era = Era.CURRENT;
            } else if (cmd.contains("screen -") || cmd.contains("git://git.openstack.org")) {
                era = Era.LEGACY_2016;
            }
        }
        if (afterExit || MACHINERY.contains(f.step().function()) || f.command().startsWith("exit_trap")
                || f.command().startsWith("err_trap")) {
            return;
        }
        lastFrame = f;
        lastFrameLine = lineNo;
        String fn = f.step().function();
        if (!fn.equals(recentFunctions.peekLast())) {
            recentFunctions.remove(fn);
            recentFunctions.addLast(fn);
            if (recentFunctions.size() > MAX_CHAIN) {
                recentFunctions.removeFirst();
            }
        }
        String called = f.command();
        int sp = called.indexOf(' ');
        if (sp > 0 && STARTERS.contains(called.substring(0, sp))) {
            String service = firstArgument(called, called.substring(0, sp));
            if (service != null) {
                startingService = service;
            }
        }
    }

    /** DevStack's functions that start a named service: run_process NAME ..., _run_under_systemd NAME ... */
    private static final Set<String> STARTERS = Set.of("run_process", "_run_under_systemd", "start_service",
            "_start_process", "_run_process", "service_check", "restart_service");

    /** The word after the starter's own name in its traced call, e.g. {@code run_process q-svc "..."}: q-svc. */
    private static String firstArgument(String command, String function) {
        if (!command.startsWith(function + " ")) {
            return null;
        }
        String rest = command.substring(function.length() + 1).trim();
        int end = 0;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
            end++;
        }
        String word = rest.substring(0, end).replace("'", "").replace("\"", "");
        return word.isEmpty() || word.startsWith("-") || word.startsWith("$") ? null : word;
    }

    private void bracket(String t) {
        if (afterExit) {
            return;
        }
        if (t.startsWith("[Call Trace]")) {
            callTrace.clear();
            inTrace = true;
        } else if (t.startsWith("[ERROR] ") && errors.size() < MAX_ERRORS) {
            errors.add(ErrorLine.parse(lineNo, t));
        }
    }

    /** stack.sh before 2015 trapped ERR with its function {@code failed}: its plain xtrace is "++ failed". */
    public static boolean isLegacyErrTrap(String t) {
        int plus = 0;
        while (plus < t.length() && t.charAt(plus) == '+') {
            plus++;
        }
        return plus > 0 && t.length() == plus + 7 && t.startsWith(" failed", plus);
    }

    private void stackLine(String t) {
        if (t.startsWith("stack.sh failed")) {
            if (stackFailedLine < 0) {
                stackFailedLine = lineNo;
            }
            int i = t.indexOf("full log in ");
            if (i >= 0) {
                fullLog = word(t, i + 12);
            }
        } else if (t.startsWith("stack.sh completed in ")) {
            completed = true;
            facts.put("runtime_seconds", word(t, 22));
            phases.set("Completed");
        }
    }

    private void summaryFact(String t, String prefix, String key) {
        if (t.startsWith(prefix)) {
            String v = word(t, prefix.length());
            facts.put(key, v);
            if ("keystone_url".equals(key)) {
                era = v.contains(":5000") ? Era.LEGACY_2016 : v.contains("/identity") ? Era.CURRENT : era;
            }
        } else if (t.startsWith("This is your host IPv6 address: ")) {
            facts.put("host_ipv6", word(t, 32));
        }
    }

    private void finished(String t) {
        if (t.startsWith("*** FINISHED")) {
            int i = t.indexOf("rc=");
            if (i >= 0) {
                try {
                    exitStatus = Integer.parseInt(word(t, i + 3).replace("*", ""));
                } catch (NumberFormatException e) {
                    // a malformed status says nothing
                }
            }
        }
    }

    /** A timing-table line: a row, a rule, the unit note or a blank; anything else ends the table. */
    private boolean timingRow(String t) {
        char c = t.charAt(0);
        if (c == '=' || c == '-' || t.startsWith(" (")) {
            return true;
        }
        int sp = t.lastIndexOf(' ');
        if (sp > 0) {
            String num = t.substring(sp + 1);
            String name = t.substring(0, sp).trim();
            if (!name.isEmpty() && num.matches("-?\\d{1,12}")) {
                if (timing.size() < MAX_TABLE) {
                    timing.put(name, Long.parseLong(num));
                }
                completed = true; // time_totals prints the table only on success
                return true;
            }
        }
        inTiming = false;
        return false;
    }

    private void exercise(String t) {
        if (!inExercises) {
            return;
        }
        for (String verdict : new String[]{"PASS ", "FAILED ", "SKIP "}) {
            if (t.startsWith(verdict) && exercises.size() < MAX_TABLE) {
                exercises.put(t.substring(verdict.length()).trim(), verdict.trim());
            }
        }
    }

    private void tempestCount(String t, String prefix, String key) {
        if (t.startsWith(prefix)) {
            try {
                tempest.put(key, Long.parseLong(word(t, prefix.length())));
            } catch (NumberFormatException e) {
                // not a stestr total
            }
        }
    }

    private static String word(String t, int from) {
        int end = from;
        while (end < t.length() && t.charAt(end) != ' ') {
            end++;
        }
        return t.substring(Math.min(from, t.length()), end);
    }

    /** The phase the run is in now, for live progress. */
    public String phase() {
        return phases.current();
    }

    /** Lines read so far. */
    public long lineNumber() {
        return lineNo;
    }

    /** True once "Error on exit" was seen. */
    public boolean afterExit() {
        return afterExit;
    }

    /**
     * The failing function chain: the callees of the last {@code [Call Trace]} (outermost first), then the functions
     * of the latest PS4 frames before the failure (oldest first, each once). Empty when the log has neither.
     */
    public List<String> failingChain() {
        List<String> out = new ArrayList<>();
        for (TraceFrame f : callTrace) {
            if (!MACHINERY.contains(f.callee()) && !out.contains(f.callee())) {
                out.add(f.callee());
            }
        }
        for (String fn : recentFunctions) {
            if (!out.contains(fn)) {
                out.add(fn);
            }
        }
        return out;
    }

    /** The service whose start was traced last before the failure (run_process q-svc ...), or null. */
    public String startingService() {
        return startingService;
    }

    /** A snapshot of everything read so far. */
    public StackLogSummary summary() {
        return new StackLogSummary(lineNo, completed, exitStatus, errorOnExitLine, stackFailedLine, List.copyOf(errors),
                List.copyOf(callTrace), lastFrame, lastFrameLine, worlddump, fullLog, Map.copyOf(timing),
                Map.copyOf(facts), Map.copyOf(exercises), Map.copyOf(tempest), phases.current(), era);
    }
}
