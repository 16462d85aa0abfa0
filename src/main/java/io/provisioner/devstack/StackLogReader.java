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
    /** A plain-trace exit trap call ("+ exit_trap", "+ clean") whose "local r=$?" is not read yet, or -1. */
    private long legacyExitTrapLine = -1;
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
                "devstack@", "+ failed", "+ exit_trap", "+ clean", "+ local r=", "inc/async", "screen -", "git://git.openstack.org", "Ran: ", " - Passed: ",
                " - Failed: ", " - Skipped: ", "========================================"));
        out.addAll(STARTERS);
        out.addAll(PhaseTracker.literals());
        return out;
    }

    /** Lines that open a block whose next lines carry no marker of their own. */
    public static final List<String> BLOCK_STARTS = List.of("[Call Trace]", "DevStack Component Timing",
            "========================================");

    /** Counts lines a fast scanner skipped because they contain no {@link #markers()} (see there). */
    public void skipLines(long count) {
        lineNo += count;
    }

    /**
     * A PS4 frame a fast scanner skipped, given after later lines with its own line number: it becomes the failed
     * step (and joins the failing chain) only when it is newer than every frame read so far. Nothing else changes.
     */
    public void lateFrame(long number, String raw) {
        if (afterExit || number <= lastFrameLine) {
            return;
        }
        String text = LogLine.normalize(raw);
        if (text.isEmpty() || text.charAt(0) != '+') {
            return;
        }
        long saved = lineNo;
        lineNo = number;
        frame(text);
        lineNo = saved;
    }

    /** Reads a whole log. Lines longer than {@link BoundedLineReader#MAX_LINE} are cut; memory stays constant. */
    public static StackLogSummary read(Reader in) throws IOException {
        StackLogReader reader = new StackLogReader();
        BoundedLineReader lines = new BoundedLineReader(in);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            reader.accept(line);
        }
        return reader.summary();
    }

    /** Feeds one raw line (without its terminator); returns the normalised line. Never throws. */
    public LogLine accept(String raw) {
        lineNo++;
        String text = LogLine.normalize(raw);
        LogLine out = new LogLine(lineNo, text, afterExit);
        if (text.isEmpty()) {
            return out;
        }
        char first = text.charAt(0);
        if (inTiming && timingRow(text)) {
            return out;
        }
        if (inTrace && first != '[') {
            TraceFrame frame = TraceFrame.parse(text);
            if (frame != null) {
                if (callTrace.size() < MAX_TRACE) {
                    callTrace.add(frame);
                }
                return out;
            }
            inTrace = false;
        }
        switch (first) {
            case '+' -> frame(text);
            case '[' -> bracket(text);
            case 'E' -> {
                if (text.startsWith("Error on exit")) {
                    if (errorOnExitLine < 0) {
                        errorOnExitLine = lineNo;
                    }
                    afterExit = true;
                }
            }
            case 'W' -> {
                if (text.startsWith("World dumping... see ")) {
                    worlddump = word(text, 21);
                }
            }
            case 's' -> stackLine(text);
            case 'T' -> summaryFact(text, "This is your host IP address: ", "host_ip");
            case 'H' -> summaryFact(text, "Horizon is now available at ", "horizon_url");
            case 'K' -> summaryFact(text, "Keystone is serving at ", "keystone_url");
            case 'D' -> {
                if (text.startsWith("DevStack Component Timing")) {
                    inTiming = true;
                }
            }
            case '*' -> finished(text);
            case '=' -> inExercises = text.length() >= 40 && text.chars().allMatch(ch -> ch == '=');
            case 'P', 'F', 'S' -> exercise(text);
            case 'R' -> tempestCount(text, "Ran: ", "ran");
            case ' ' -> {
                tempestCount(text, " - Passed: ", "passed");
                tempestCount(text, " - Failed: ", "failed");
                tempestCount(text, " - Skipped: ", "skipped");
            }
            default -> {
            }
        }
        if (first != '+') {
            phases.accept(text, null);
        }
        return out;
    }

    private void frame(String text) {
        Ps4Frame frame = Ps4Frame.parse(text);
        if (frame == null) {
            if (errorOnExitLine >= 0) {
                return;
            }
            if (isLegacyErrTrap(text)) {
                errorOnExitLine = lineNo;
                afterExit = true;
            } else if (isLegacyExitTrap(text)) {
                legacyExitTrapLine = lineNo;
            } else if (legacyExitTrapLine >= 0) {
                // the trap's first line is "local r=$?": a non-zero status is the failure, zero a clean exit
                if (legacyExitStatus(text) > 0) {
                    errorOnExitLine = legacyExitTrapLine;
                    afterExit = true;
                }
                legacyExitTrapLine = -1;
            }
            return;
        }
        phases.accept(text, frame);
        if (era == null) {
            String cmd = frame.command();
            if (cmd.contains("devstack@") || frame.step().file().startsWith("inc/async")) {
                era = Era.CURRENT;
            } else if (cmd.contains("screen -") || cmd.contains("git://git.openstack.org")) {
                era = Era.LEGACY_2016;
            }
        }
        if (afterExit || MACHINERY.contains(frame.step().function()) || frame.command().startsWith("exit_trap")
                || frame.command().startsWith("err_trap")) {
            return;
        }
        lastFrame = frame;
        lastFrameLine = lineNo;
        String fn = frame.step().function();
        if (!fn.equals(recentFunctions.peekLast())) {
            recentFunctions.remove(fn);
            recentFunctions.addLast(fn);
            if (recentFunctions.size() > MAX_CHAIN) {
                recentFunctions.removeFirst();
            }
        }
        String called = frame.command();
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

    private void bracket(String text) {
        if (afterExit) {
            return;
        }
        if (text.startsWith("[Call Trace]")) {
            callTrace.clear();
            inTrace = true;
        } else if (text.startsWith("[ERROR] ") && errors.size() < MAX_ERRORS) {
            errors.add(ErrorLine.parse(lineNo, text));
        }
    }

    /** stack.sh before 2015 trapped ERR with its function {@code failed}: its plain xtrace is "++ failed". */
    public static boolean isLegacyErrTrap(String text) {
        int plus = 0;
        while (plus < text.length() && text.charAt(plus) == '+') {
            plus++;
        }
        return plus > 0 && text.length() == plus + 7 && text.startsWith(" failed", plus);
    }

    /**
     * stack.sh's EXIT trap in plain xtrace: {@code exit_trap} (2014-02 on; it printed "Error on exit" only from
     * 2014-06) or {@code clean} (2012-09 to 2014-02). Both start with {@code local r=$?}, so the trap line is a
     * failure only when the next traced line shows a non-zero status ({@link #legacyExitStatus}).
     */
    public static boolean isLegacyExitTrap(String text) {
        int plus = 0;
        while (plus < text.length() && text.charAt(plus) == '+') {
            plus++;
        }
        if (plus == 0 || plus >= text.length() || text.charAt(plus) != ' ') {
            return false;
        }
        String called = text.substring(plus + 1).strip();
        return called.equals("exit_trap") || called.equals("clean");
    }

    /** The status of a traced {@code local r=N} (the traps' first line), or -1 when the line is not one. */
    static int legacyExitStatus(String text) {
        int plus = 0;
        while (plus < text.length() && text.charAt(plus) == '+') {
            plus++;
        }
        String rest = text.substring(plus).strip();
        if (plus == 0 || !rest.startsWith("local r=") || rest.length() == 8 || rest.length() > 11) {
            return -1;
        }
        for (int i = 8; i < rest.length(); i++) {
            if (rest.charAt(i) < '0' || rest.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(rest.substring(8));
    }

    private void stackLine(String text) {
        if (text.startsWith("stack.sh failed")) {
            if (stackFailedLine < 0) {
                stackFailedLine = lineNo;
            }
            int at = text.indexOf("full log in ");
            if (at >= 0) {
                fullLog = word(text, at + 12);
            }
        } else if (text.startsWith("stack.sh completed in ")) {
            completed = true;
            facts.put("runtime_seconds", word(text, 22));
            phases.set("Completed");
        }
    }

    private void summaryFact(String text, String prefix, String key) {
        if (text.startsWith(prefix)) {
            String value = word(text, prefix.length());
            facts.put(key, value);
            if ("keystone_url".equals(key)) {
                era = value.contains(":5000") ? Era.LEGACY_2016 : value.contains("/identity") ? Era.CURRENT : era;
            }
        } else if (text.startsWith("This is your host IPv6 address: ")) {
            facts.put("host_ipv6", word(text, 32));
        }
    }

    private void finished(String text) {
        if (text.startsWith("*** FINISHED")) {
            int at = text.indexOf("rc=");
            if (at >= 0) {
                try {
                    exitStatus = Integer.parseInt(word(text, at + 3).replace("*", ""));
                } catch (NumberFormatException e) {
                    // a malformed status says nothing
                }
            }
        }
    }

    /** A timing-table line: a row, a rule, the unit note or a blank; anything else ends the table. */
    private boolean timingRow(String text) {
        char first = text.charAt(0);
        if (first == '=' || first == '-' || text.startsWith(" (")) {
            return true;
        }
        int sp = text.lastIndexOf(' ');
        if (sp > 0) {
            String num = text.substring(sp + 1);
            String name = text.substring(0, sp).trim();
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

    private void exercise(String text) {
        if (!inExercises) {
            return;
        }
        for (String verdict : new String[]{"PASS ", "FAILED ", "SKIP "}) {
            if (text.startsWith(verdict) && exercises.size() < MAX_TABLE) {
                exercises.put(text.substring(verdict.length()).trim(), verdict.trim());
            }
        }
    }

    private void tempestCount(String text, String prefix, String key) {
        if (text.startsWith(prefix)) {
            try {
                tempest.put(key, Long.parseLong(word(text, prefix.length())));
            } catch (NumberFormatException e) {
                // not a stestr total
            }
        }
    }

    private static String word(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) != ' ') {
            end++;
        }
        return text.substring(Math.min(from, text.length()), end);
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
        for (TraceFrame frame : callTrace) {
            if (!MACHINERY.contains(frame.callee()) && !out.contains(frame.callee())) {
                out.add(frame.callee());
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
