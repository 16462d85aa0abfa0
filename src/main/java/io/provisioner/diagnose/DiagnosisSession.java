package io.provisioner.diagnose;

import io.provisioner.devstack.ErrorLine;
import io.provisioner.devstack.LogLine;
import io.provisioner.devstack.StackLogReader;
import io.provisioner.devstack.StackLogSummary;
import io.provisioner.devstack.Step;
import io.provisioner.devstack.TraceFrame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Diagnoses one log as it streams: feed raw lines with {@link #accept(String)}, ask {@link #diagnosis()} at any
 * time (the deploy does so when stack.sh exits). Memory is constant: per pattern only the first and latest match
 * are kept, plus a small ring of recent lines for failures no rule knows.
 */
public final class DiagnosisSession {
    /** A rule's latest match must be this close to the failure point to beat a far-away one. */
    static final long WINDOW = 2000;
    private static final int RING = 64;
    private static final int MAX_EVIDENCE = 8;
    private static final int MAX_TEXT = 400;
    private static final int MAX_FACTS = 64;
    private static final int TAIL = 20;
    /** How many characters the binary check looks at. */
    private static final long SNIFF = 65536;

    private final RuleBook book;
    private final StackLogReader reader = new StackLogReader();
    private final FailingCommand failing;
    private final Hits[] hits;
    private final long[] stamp;
    private final int[] candidates;
    private int candidateCount;
    private long currentLine;
    private final Matcher[] matchers;
    private final String[] ring = new String[RING];
    private final long[] ringLine = new long[RING];
    private long ringCount;
    private final Map<String, String> globalFacts = new LinkedHashMap<>();
    /** For each captured fact, the line it came from: a summary may state only what an evidence line shows. */
    private final Map<String, Evidence> factLines = new LinkedHashMap<>();
    private long textChars;
    private long oddChars;
    private final LiteralIndex.Hit onLiteral = this::literalHit;
    private final LiteralIndex.Hit onTraceLiteral = this::traceLiteralHit;

    DiagnosisSession(RuleBook book) {
        this.book = book;
        this.failing = new FailingCommand(book::hostStateLine);
        int n = book.patterns.size();
        hits = new Hits[n];
        stamp = new long[n];
        candidates = new int[n];
        matchers = new Matcher[n];
        for (int p = 0; p < n; p++) {
            matchers[p] = book.patterns.get(p).regex().matcher("");
        }
    }

    /** Feeds one raw log line; returns it normalised. Never throws on any input. */
    public LogLine accept(String raw) {
        LogLine line = reader.accept(raw);
        if (textChars < SNIFF) {
            sniff(raw);
        }
        String t = line.text();
        if (t.isEmpty()) {
            return line;
        }
        if (!line.afterExit()) {
            int slot = (int) (ringCount++ % RING);
            ring[slot] = t;
            ringLine[slot] = line.number();
            if (t.charAt(0) == '+') {
                failing.trace(line.number(), t);
            } else {
                failing.output(line.number(), t);
            }
        }
        currentLine = line.number();
        candidateCount = 0;
        if (t.charAt(0) == '+') {
            book.traceIndex.scan(t, onTraceLiteral);
        } else {
            book.index.scan(t, onLiteral);
        }
        for (int p : book.unfiltered) {
            literalHitPattern(p);
        }
        for (int i = 0; i < candidateCount; i++) {
            match(candidates[i], line, t);
        }
        return line;
    }

    private void literalHit(int literalId) {
        literalHitPattern(book.literalOwner[literalId]);
    }

    private void traceLiteralHit(int literalId) {
        literalHitPattern(book.traceLiteralOwner[literalId]);
    }

    private void literalHitPattern(int p) {
        if (stamp[p] != currentLine) {
            stamp[p] = currentLine;
            candidates[candidateCount++] = p;
        }
    }

    private void match(int p, LogLine line, String t) {
        RuleBook.CompiledPattern cp = book.patterns.get(p);
        Rule rule = cp.rule() < 0 ? null : book.rules.get(cp.rule());
        if (line.afterExit() && (rule == null || !rule.afterExit())) {
            return;
        }
        if (rule != null && !rule.inTrace() && t.charAt(0) == '+') {
            return; // DevStack traces its own messages as arguments; only program output counts
        }
        Matcher m = matchers[p].reset(t);
        if (!m.find()) {
            return;
        }
        Map<String, String> facts = null;
        if (!cp.groups().isEmpty()) {
            facts = new LinkedHashMap<>();
            for (String g : cp.groups()) {
                String v = m.group(g);
                if (v != null) {
                    facts.put(NamedGroups.factName(g), clip(v));
                }
            }
        }
        if (cp.rule() == -1) {
            if (facts != null && globalFacts.size() < MAX_FACTS) {
                globalFacts.putAll(facts);
                for (String k : facts.keySet()) {
                    factLines.put(k, new Evidence(line.number(), clip(t)));
                }
            }
            return;
        }
        Hits h = hits[p];
        if (h == null) {
            h = hits[p] = new Hits();
        }
        h.add(line.number(), clip(t), facts);
    }

    /** An xtrace line a fast scanner skipped, given late with its number (see StackLogReader#lateFrame). */
    void lateFrame(long number, String raw) {
        reader.lateFrame(number, raw);
        if (!reader.afterExit()) {
            String t = LogLine.normalize(raw);
            if (!t.isEmpty() && t.charAt(0) == '+') {
                failing.trace(number, t);
            }
        }
    }

    /** Counts lines a fast scanner skipped (they hold no literal of {@link RuleBook#relevance()}). */
    void skipLines(long n) {
        reader.skipLines(n);
    }

    /** The phase stack.sh is in, for live progress. */
    public String phase() {
        return reader.phase();
    }

    /** What the log itself says so far (timing table, summary facts, era, failed step), without rules. */
    public StackLogSummary logSummary() {
        return reader.summary();
    }

    /** Lines read so far. */
    public long lines() {
        return reader.lineNumber();
    }

    /** The diagnosis of everything read so far. */
    public Diagnosis diagnosis() {
        StackLogSummary s = reader.summary();
        Step step = s.failedStep();
        String stepText = step == null ? "" : step + " " + (s.lastFrame() == null ? "" : s.lastFrame().command());
        long errorPoint = s.errorOnExitLine() >= 0 ? s.errorOnExitLine()
                : s.stackFailedLine() >= 0 ? s.stackFailedLine() : s.lines();

        Fired best = null;
        Fired bestNear = null;
        List<Fired> fired = new ArrayList<>();
        for (int r = 0; r < book.rules.size(); r++) {
            Fired f = evaluate(r, stepText, s);
            if (f == null) {
                continue;
            }
            fired.add(f);
            if (better(f, best)) {
                best = f;
            }
            if (errorPoint - f.latest <= WINDOW && better(f, bestNear)) {
                bestNear = f;
            }
        }
        Fired chosen = bestNear != null ? bestNear : best;

        Map<String, String> facts = new TreeMap<>(s.facts());
        facts.putAll(globalFacts);
        facts.put("phase", s.phase());
        if (step != null) {
            facts.put("failed_step", step.toString());
        }
        if (s.worlddump() != null) {
            facts.put("worlddump", s.worlddump());
        }
        FailedStep failed = step == null ? null : new FailedStep(step.file(), step.function(), step.line());

        if (s.succeeded()) {
            return new Diagnosis(LogOutcome.SUCCEEDED, null, List.of(), List.of(), null, successSummary(s), facts);
        }
        String notALog = notALogReason(s, fired);
        if (notALog != null) {
            return new Diagnosis(LogOutcome.NOT_A_LOG, null, List.of(), List.of(), null, notALog, Map.of(),
                    null, null, null);
        }

        // weigh the evidence: the chosen message rule in full, other fired rules at half (they lost on priority),
        // matches far from the failure at half again; then where DevStack failed votes for a family
        List<CategoryScores.Message> messages = new ArrayList<>();
        Map<String, Fired> byCategory = new LinkedHashMap<>();
        for (Fired f : fired) {
            double w = f.rule.priority() / 10.0 * (errorPoint - f.latest <= WINDOW ? 1 : 0.5) * (f == chosen ? 1 : 0.5);
            messages.add(new CategoryScores.Message(f.rule.category(), w));
            Fired had = byCategory.get(f.rule.category());
            if (had == null || better(f, had)) {
                byCategory.put(f.rule.category(), f);
            }
        }
        List<CategoryScores.Vote> votes = s.failed() ? CategoryScores.votes(book.structure, context(s, step))
                : List.of();
        CategoryScores.Result verdict = CategoryScores.decide(messages, chosen == null ? null : chosen.rule.category(),
                votes, book.crossCutting);
        Fired lead = verdict.category() == null ? null : byCategory.get(verdict.category());
        if (verdict.category() == null && s.failed()) {
            chosen = null; // families too close to call: unknown, with the next best named
        } else if (lead != null && lead != chosen && verdict.messageLed()) {
            chosen = lead;
        } else if (verdict.category() != null && !verdict.messageLed()) {
            chosen = null; // where it failed outweighs the messages
        }

        LogOutcome outcome = s.failed() || (chosen != null && !chosen.rule.hang()) ? LogOutcome.FAILED : LogOutcome.INCOMPLETE;
        List<Evidence> evidence = new ArrayList<>();
        if (chosen != null) {
            for (int p : patternsOf(chosen.index)) {
                Hits h = hits[p];
                if (h == null) {
                    continue;
                }
                if (h.firstFacts != null) {
                    facts.putAll(h.firstFacts);
                }
                if (h.lastFacts != null) {
                    facts.putAll(h.lastFacts);
                }
                evidence.add(new Evidence(h.firstLine, h.firstText));
                if (h.lastLine != h.firstLine) {
                    evidence.add(new Evidence(h.lastLine, h.lastText));
                }
            }
        }
        if (s.lastFrame() != null && (chosen == null || chosen.rule.step() != null || evidence.isEmpty())) {
            evidence.add(new Evidence(s.lastFrameLine(), clip("+" + s.lastFrame().step() + " " + s.lastFrame().command())));
        }
        for (ErrorLine e : s.errors()) {
            if (evidence.size() < MAX_EVIDENCE) {
                evidence.add(new Evidence(e.lineNumber(), clip("[ERROR] " + e.location() + " " + e.message())));
            }
        }
        if (chosen == null || chosen.rule.step() != null) {
            evidence.addAll(recentErrorLines());
        }

        String confidence = verdict.category() == null ? null : verdict.confidence().label();
        String nextBest = verdict.confidence() == Confidence.HIGH ? null : verdict.nextBest();
        if (chosen != null) {
            String template = chosen.rule.summary();
            evidence.addAll(factEvidence(template, facts));
            evidence = dedupe(evidence);
            String summary = SummaryTemplate.render(template, facts);
            // a fix-up follows only a clear call: a competing family withholds it
            List<String> fixups = verdict.confidence() == Confidence.HIGH ? chosen.rule.fixups() : List.of();
            if (!fixups.equals(chosen.rule.fixups())) {
                summary += " The call is not clear (next best: " + (nextBest == null ? "none" : nextBest)
                        + "), so no fix-up is offered.";
            }
            return new Diagnosis(outcome, chosen.rule.category(), fixups, evidence, failed, summary, facts,
                    confidence, nextBest, Runbooks.page(chosen.rule.category()));
        }
        evidence = dedupe(evidence);
        String where = step == null ? "" : " at " + step;
        if (verdict.category() != null) {
            CategoryScores.Vote vote = verdict.vote();
            String summary = vote.ownOutput() && vote.rule().hostState()
                    ? "stack.sh failed" + where + ": the failing command's own output says the host is in the way ("
                    + vote.rule().id() + "), so the category is " + verdict.category() + " whatever function failed. "
                    + vote.rule().advice()
                    : "stack.sh failed" + where + " inside " + vote.rule().id() + " ("
                    + String.join(", ", vote.reasons()) + "), with output no rule knows, so the category is "
                    + verdict.category() + " by where it failed. " + vote.rule().advice();
            return new Diagnosis(outcome, verdict.category(), List.of(), evidence, failed, summary, facts,
                    confidence, verdict.nextBest(), Runbooks.page(verdict.category()));
        }
        String summary;
        if (outcome == LogOutcome.FAILED) {
            String err = s.errors().isEmpty() ? "" : " DevStack said: \"" + clip(s.errors().get(0).message()) + "\".";
            summary = "stack.sh failed" + where + " during \"" + s.phase() + "\" for a reason no rule recognises."
                    + err + " Read the evidence lines and the log around the failed step, fix the cause on the host"
                    + " or in the spec, then run unstack and deploy again.";
        } else {
            summary = "The log ends while stack.sh was still running (phase \"" + s.phase() + "\"" + where
                    + ") and shows no failure yet; if the run is stuck, look at its last lines.";
        }
        return new Diagnosis(outcome, Vocabulary.UNKNOWN, List.of(), evidence, failed, summary, facts,
                null, verdict.nextBest(), Runbooks.page(Vocabulary.UNKNOWN));
    }

    private FailureContext context(StackLogSummary s, Step step) {
        List<String> traced = new ArrayList<>();
        for (TraceFrame f : s.callTrace()) {
            traced.add(f.callee());
        }
        List<String> recent = new ArrayList<>(reader.failingChain());
        recent.removeAll(traced);
        List<String> errors = new ArrayList<>();
        for (ErrorLine e : s.errors()) {
            errors.add(e.message());
        }
        // logs without PS4 frames (2012-2015) name no failed step: the traced command is the only "where"
        String command = s.lastFrame() == null ? failing.command() : s.lastFrame().command();
        return new FailureContext(step == null ? null : step.function(), traced, recent, failing.plainCalls(),
                step == null ? null : step.file(), command, errors, reader.startingService(), outputTail(),
                failing.output());
    }

    /** The last program output lines (not xtrace) before the exit trap, oldest first. */
    private List<String> outputTail() {
        List<String> out = new ArrayList<>();
        long n = Math.min(ringCount, RING);
        for (long k = ringCount - n; k < ringCount; k++) {
            String t = ring[(int) (k % RING)];
            if (!t.startsWith("+")) {
                out.add(t);
            }
        }
        return out.size() > TAIL ? out.subList(out.size() - TAIL, out.size()) : out;
    }

    /** The lines the summary's facts came from, so that every fact in the sentence is cited. */
    private List<Evidence> factEvidence(String template, Map<String, String> facts) {
        List<Evidence> out = new ArrayList<>();
        for (Map.Entry<String, Evidence> e : factLines.entrySet()) {
            if (template.contains("${" + e.getKey()) && facts.containsKey(e.getKey())) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Null when the input looks like a stack.sh log (or a piece of one); else why it does not. */
    private String notALogReason(StackLogSummary s, List<Fired> fired) {
        if (s.lines() == 0 || textChars == 0) {
            return "The input is empty: it is not a stack.sh log.";
        }
        if (oddChars * 20 > textChars) {
            return "The input is binary (" + oddChars + " of the first " + textChars
                    + " characters are control bytes or not UTF-8): it is not a stack.sh log.";
        }
        boolean devstack = s.lastFrame() != null || s.failed() || s.completed() || s.era() != null
                || !s.timing().isEmpty() || !s.exercises().isEmpty() || !s.tempest().isEmpty() || !fired.isEmpty() || !globalFacts.isEmpty()
                || !"Starting stack.sh".equals(s.phase()) || !s.facts().isEmpty();
        return devstack ? null : "None of the " + s.lines() + " lines looks like stack.sh output (no xtrace frame,"
                + " no DevStack message, no known failure): it is not a stack.sh log.";
    }

    private void sniff(String raw) {
        for (int i = 0; i < raw.length() && textChars < SNIFF; i++) {
            char c = raw.charAt(i);
            textChars++;
            if ((c < 0x20 && c != '\t' && c != '\r' && c != 0x1b) || c == '\uFFFD' || c == 0x7f) {
                oddChars++;
            }
        }
    }

    private record Fired(int index, Rule rule, long latest) {
    }

    private static boolean better(Fired f, Fired than) {
        return than == null || f.rule.priority() > than.rule.priority()
                || (f.rule.priority() == than.rule.priority() && f.latest > than.latest);
    }

    private Fired evaluate(int r, String stepText, StackLogSummary s) {
        Rule rule = book.rules.get(r);
        long latest = -1;
        for (int p : book.allIndexes.get(r)) {
            Hits h = hits[p];
            if (h == null) {
                return null;
            }
            latest = Math.max(latest, h.lastLine);
        }
        int[] any = book.anyIndexes.get(r);
        if (any.length > 0) {
            boolean one = false;
            for (int p : any) {
                Hits h = hits[p];
                if (h != null) {
                    one = true;
                    latest = Math.max(latest, h.lastLine);
                }
            }
            if (!one) {
                return null;
            }
        }
        if (rule.step() != null) {
            if (stepText.isEmpty() || !rule.step().matcher(stepText).find()) {
                return null;
            }
            if (latest < 0) {
                if (!s.failed()) {
                    return null; // a step-only rule names where a failure happened; no failure, no rule
                }
                latest = s.lastFrameLine();
            }
        }
        return new Fired(r, rule, latest);
    }

    private List<Integer> patternsOf(int r) {
        List<Integer> out = new ArrayList<>();
        for (int p : book.anyIndexes.get(r)) {
            out.add(p);
        }
        for (int p : book.allIndexes.get(r)) {
            out.add(p);
        }
        return out;
    }

    private static final String[] ERRORISH = {"error", "fatal", "failed", "denied", "not found", "traceback",
            "exception", "cannot", "unable", "no such", "refused", "timed out", "killed"};

    /** For failures no rule knows: the last error-looking lines before the exit trap. */
    private List<Evidence> recentErrorLines() {
        List<Evidence> out = new ArrayList<>();
        long n = Math.min(ringCount, RING);
        for (long k = ringCount - n; k < ringCount; k++) {
            int slot = (int) (k % RING);
            String t = ring[slot];
            if (t.startsWith("+")) {
                continue;
            }
            String lower = t.toLowerCase(Locale.ROOT);
            for (String w : ERRORISH) {
                if (lower.contains(w)) {
                    out.add(new Evidence(ringLine[slot], clip(t)));
                    break;
                }
            }
        }
        return out.size() > 6 ? out.subList(out.size() - 6, out.size()) : out;
    }

    private static List<Evidence> dedupe(List<Evidence> in) {
        Map<Long, Evidence> byLine = new TreeMap<>();
        for (Evidence e : in) {
            byLine.putIfAbsent(e.line(), e);
        }
        List<Evidence> out = new ArrayList<>(byLine.values());
        out.sort(Comparator.comparingLong(Evidence::line));
        return out.size() > MAX_EVIDENCE ? out.subList(out.size() - MAX_EVIDENCE, out.size()) : out;
    }

    private static String successSummary(StackLogSummary s) {
        Map<String, String> f = s.facts();
        StringBuilder b = new StringBuilder("stack.sh completed");
        if (f.containsKey("runtime_seconds")) {
            b.append(" in ").append(f.get("runtime_seconds")).append(" seconds");
        }
        if (f.containsKey("horizon_url")) {
            b.append("; Horizon is at ").append(f.get("horizon_url"));
        }
        if (f.containsKey("keystone_url")) {
            b.append(", Keystone at ").append(f.get("keystone_url"));
        }
        if (f.containsKey("host_ip")) {
            b.append(" (host IP ").append(f.get("host_ip")).append(')');
        }
        return b.append('.').toString();
    }

    private static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }

}
