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
        int count = book.patterns.size();
        hits = new Hits[count];
        stamp = new long[count];
        candidates = new int[count];
        matchers = new Matcher[count]; // each made when a line first reaches its pattern
    }

    /** Feeds one raw log line; returns it normalised. Never throws on any input. */
    public LogLine accept(String raw) {
        LogLine line = reader.accept(raw);
        if (textChars < SNIFF) {
            sniff(raw);
        }
        String text = line.text();
        if (text.isEmpty()) {
            return line;
        }
        if (!line.afterExit()) {
            int slot = (int) (ringCount++ % RING);
            ring[slot] = text;
            ringLine[slot] = line.number();
            if (text.charAt(0) == '+') {
                failing.trace(line.number(), text);
            } else {
                failing.output(line.number(), text);
            }
        }
        currentLine = line.number();
        candidateCount = 0;
        if (text.charAt(0) == '+') {
            book.traceIndex().scan(text, onTraceLiteral);
        } else {
            book.index().scan(text, onLiteral);
        }
        for (int pattern : book.unfiltered) {
            literalHitPattern(pattern);
        }
        for (int i = 0; i < candidateCount; i++) {
            match(candidates[i], line, text);
        }
        return line;
    }

    private void literalHit(int literalId) {
        literalHitPattern(book.literalOwner[literalId]);
    }

    private void traceLiteralHit(int literalId) {
        literalHitPattern(book.traceLiteralOwner[literalId]);
    }

    private void literalHitPattern(int pattern) {
        if (stamp[pattern] != currentLine) {
            stamp[pattern] = currentLine;
            candidates[candidateCount++] = pattern;
        }
    }

    private void match(int pattern, LogLine line, String text) {
        RuleBook.CompiledPattern cp = book.patterns.get(pattern);
        Rule rule = cp.rule() < 0 ? null : book.rules.get(cp.rule());
        if (line.afterExit() && (rule == null || !rule.afterExit())) {
            return;
        }
        if (rule != null && !rule.inTrace() && text.charAt(0) == '+') {
            return; // DevStack traces its own messages as arguments; only program output counts
        }
        Matcher matcher = matchers[pattern];
        if (matcher == null) {
            matcher = cp.regex().matcher(text);
            matchers[pattern] = matcher;
        } else {
            matcher.reset(text);
        }
        if (!matcher.find()) {
            return;
        }
        Map<String, String> facts = null;
        if (!cp.groups().isEmpty()) {
            facts = new LinkedHashMap<>();
            for (String group : cp.groups()) {
                String value = matcher.group(group);
                if (value != null) {
                    facts.put(NamedGroups.factName(group), clip(value));
                }
            }
        }
        if (cp.rule() == -1) {
            if (facts != null && globalFacts.size() < MAX_FACTS) {
                globalFacts.putAll(facts);
                for (String fact : facts.keySet()) {
                    factLines.put(fact, new Evidence(line.number(), clip(text)));
                }
            }
            return;
        }
        Hits patternHits = hits[pattern];
        if (patternHits == null) {
            patternHits = hits[pattern] = new Hits();
        }
        patternHits.add(line.number(), clip(text), facts);
    }

    /** An xtrace line a fast scanner skipped, given late with its number (see StackLogReader#lateFrame). */
    void lateFrame(long number, String raw) {
        reader.lateFrame(number, raw);
        if (!reader.afterExit()) {
            String text = LogLine.normalize(raw);
            if (!text.isEmpty() && text.charAt(0) == '+') {
                failing.trace(number, text);
            }
        }
    }

    /** Counts lines a fast scanner skipped (they hold no literal of {@link RuleBook#relevance()}). */
    void skipLines(long count) {
        reader.skipLines(count);
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
        StackLogSummary log = reader.summary();
        Step step = log.failedStep();
        String stepText = step == null ? "" : step + " " + (log.lastFrame() == null ? "" : log.lastFrame().command());
        long errorPoint = log.errorOnExitLine() >= 0 ? log.errorOnExitLine()
                : log.stackFailedLine() >= 0 ? log.stackFailedLine() : log.lines();

        Fired best = null;
        Fired bestNear = null;
        List<Fired> fired = new ArrayList<>();
        for (int ruleIndex = 0; ruleIndex < book.rules.size(); ruleIndex++) {
            Fired firing = evaluate(ruleIndex, stepText, log);
            if (firing == null) {
                continue;
            }
            fired.add(firing);
            if (better(firing, best)) {
                best = firing;
            }
            if (errorPoint - firing.latest <= WINDOW && better(firing, bestNear)) {
                bestNear = firing;
            }
        }
        Fired chosen = bestNear != null ? bestNear : best;

        Map<String, String> facts = new TreeMap<>(log.facts());
        facts.putAll(globalFacts);
        facts.put("phase", log.phase());
        if (step != null) {
            facts.put("failed_step", step.toString());
        }
        if (log.worlddump() != null) {
            facts.put("worlddump", log.worlddump());
        }
        FailedStep failed = step == null ? null : new FailedStep(step.file(), step.function(), step.line());

        if (log.succeeded()) {
            return new Diagnosis(LogOutcome.SUCCEEDED, null, List.of(), List.of(), null, successSummary(log), facts);
        }
        String notALog = notALogReason(log, fired);
        if (notALog != null) {
            return new Diagnosis(LogOutcome.NOT_A_LOG, null, List.of(), List.of(), null, notALog, Map.of(),
                    null, null, null);
        }

        // weigh the evidence: the chosen message rule in full, other fired rules at half (they lost on priority),
        // matches far from the failure at half again; then where DevStack failed votes for a family
        List<CategoryScores.Message> messages = new ArrayList<>();
        Map<String, Fired> byCategory = new LinkedHashMap<>();
        for (Fired firing : fired) {
            double weight = firing.rule.priority() / 10.0 * (errorPoint - firing.latest <= WINDOW ? 1 : 0.5)
                    * (firing == chosen ? 1 : 0.5);
            messages.add(new CategoryScores.Message(firing.rule.category(), weight));
            Fired had = byCategory.get(firing.rule.category());
            if (had == null || better(firing, had)) {
                byCategory.put(firing.rule.category(), firing);
            }
        }
        List<CategoryScores.Vote> votes = log.failed() ? CategoryScores.votes(book.structure(), context(log, step))
                : List.of();
        CategoryScores.Result verdict = CategoryScores.decide(messages, chosen == null ? null : chosen.rule.category(),
                chosen == null ? null : chosen.rule.competesWith(),
                votes, book.crossCutting);
        Fired lead = verdict.category() == null ? null : byCategory.get(verdict.category());
        if (verdict.category() == null && log.failed()) {
            chosen = null; // families too close to call: unknown, with the next best named
        } else if (lead != null && lead != chosen && verdict.messageLed()) {
            chosen = lead;
        } else if (verdict.category() != null && !verdict.messageLed()) {
            chosen = null; // where it failed outweighs the messages
        }

        LogOutcome outcome = log.failed() || (chosen != null && !chosen.rule.hang()) ? LogOutcome.FAILED
                : LogOutcome.INCOMPLETE;
        List<Evidence> evidence = new ArrayList<>();
        if (chosen != null) {
            for (int pattern : patternsOf(chosen.index)) {
                Hits patternHits = hits[pattern];
                if (patternHits == null) {
                    continue;
                }
                if (patternHits.firstFacts != null) {
                    facts.putAll(patternHits.firstFacts);
                }
                if (patternHits.lastFacts != null) {
                    facts.putAll(patternHits.lastFacts);
                }
                evidence.add(new Evidence(patternHits.firstLine, patternHits.firstText));
                if (patternHits.lastLine != patternHits.firstLine) {
                    evidence.add(new Evidence(patternHits.lastLine, patternHits.lastText));
                }
            }
        }
        if (log.lastFrame() != null && (chosen == null || chosen.rule.step() != null || evidence.isEmpty())) {
            evidence.add(new Evidence(log.lastFrameLine(),
                    clip("+" + log.lastFrame().step() + " " + log.lastFrame().command())));
        }
        for (ErrorLine error : log.errors()) {
            if (evidence.size() < MAX_EVIDENCE) {
                evidence.add(new Evidence(error.lineNumber(), clip("[ERROR] " + error.location() + " " + error.message())));
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
                facts.put(Diagnosis.WITHHELD_FIXUPS, String.join(",", chosen.rule.fixups()));
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
            String err = log.errors().isEmpty() ? "" : " DevStack said: \"" + clip(log.errors().get(0).message()) + "\".";
            summary = "stack.sh failed" + where + " during \"" + log.phase() + "\" for a reason no rule recognises."
                    + err + " Read the evidence lines and the log around the failed step, fix the cause on the host"
                    + " or in the spec, then run unstack and deploy again.";
        } else {
            summary = "The log ends while stack.sh was still running (phase \"" + log.phase() + "\"" + where
                    + ") and shows no failure yet; if the run is stuck, look at its last lines.";
        }
        return new Diagnosis(outcome, Vocabulary.UNKNOWN, List.of(), evidence, failed, summary, facts,
                null, verdict.nextBest(), Runbooks.page(Vocabulary.UNKNOWN));
    }

    private FailureContext context(StackLogSummary log, Step step) {
        List<String> traced = new ArrayList<>();
        for (TraceFrame frame : log.callTrace()) {
            traced.add(frame.callee());
        }
        List<String> recent = new ArrayList<>(reader.failingChain());
        recent.removeAll(traced);
        List<String> errors = new ArrayList<>();
        for (ErrorLine error : log.errors()) {
            errors.add(error.message());
        }
        // logs without PS4 frames (2012-2015) name no failed step: the traced command is the only "where"
        String command = log.lastFrame() == null ? failing.command() : log.lastFrame().command();
        return new FailureContext(step == null ? null : step.function(), traced, recent, failing.plainCalls(),
                step == null ? null : step.file(), command, errors, reader.startingService(), outputTail(),
                failing.output());
    }

    /** The last program output lines (not xtrace) before the exit trap, oldest first. */
    private List<String> outputTail() {
        List<String> out = new ArrayList<>();
        long count = Math.min(ringCount, RING);
        for (long seq = ringCount - count; seq < ringCount; seq++) {
            String text = ring[(int) (seq % RING)];
            if (!text.startsWith("+")) {
                out.add(text);
            }
        }
        return out.size() > TAIL ? out.subList(out.size() - TAIL, out.size()) : out;
    }

    /** The lines the summary's facts came from, so that every fact in the sentence is cited. */
    private List<Evidence> factEvidence(String template, Map<String, String> facts) {
        List<Evidence> out = new ArrayList<>();
        for (Map.Entry<String, Evidence> entry : factLines.entrySet()) {
            if (template.contains("${" + entry.getKey()) && facts.containsKey(entry.getKey())) {
                out.add(entry.getValue());
            }
        }
        return out;
    }

    /** Null when the input looks like a stack.sh log (or a piece of one); else why it does not. */
    private String notALogReason(StackLogSummary log, List<Fired> fired) {
        if (log.lines() == 0 || textChars == 0) {
            return "The input is empty: it is not a stack.sh log.";
        }
        if (oddChars * 20 > textChars) {
            return "The input is binary (" + oddChars + " of the first " + textChars
                    + " characters are control bytes or not UTF-8): it is not a stack.sh log.";
        }
        boolean devstack = log.lastFrame() != null || log.failed() || log.completed() || log.era() != null
                || !log.timing().isEmpty() || !log.exercises().isEmpty() || !log.tempest().isEmpty() || !fired.isEmpty()
                || !globalFacts.isEmpty()
                || !"Starting stack.sh".equals(log.phase()) || !log.facts().isEmpty();
        return devstack ? null : "None of the " + log.lines() + " lines looks like stack.sh output (no xtrace frame,"
                + " no DevStack message, no known failure): it is not a stack.sh log.";
    }

    private void sniff(String raw) {
        for (int i = 0; i < raw.length() && textChars < SNIFF; i++) {
            char ch = raw.charAt(i);
            textChars++;
            if ((ch < 0x20 && ch != '\t' && ch != '\r' && ch != 0x1b) || ch == '\uFFFD' || ch == 0x7f) {
                oddChars++;
            }
        }
    }

    private record Fired(int index, Rule rule, long latest) {
    }

    private static boolean better(Fired candidate, Fired than) {
        return than == null || candidate.rule.priority() > than.rule.priority()
                || (candidate.rule.priority() == than.rule.priority() && candidate.latest > than.latest);
    }

    private Fired evaluate(int ruleIndex, String stepText, StackLogSummary log) {
        Rule rule = book.rules.get(ruleIndex);
        long latest = -1;
        for (int pattern : book.allIndexes.get(ruleIndex)) {
            Hits patternHits = hits[pattern];
            if (patternHits == null) {
                return null;
            }
            latest = Math.max(latest, patternHits.lastLine);
        }
        int[] any = book.anyIndexes.get(ruleIndex);
        if (any.length > 0) {
            boolean one = false;
            for (int pattern : any) {
                Hits patternHits = hits[pattern];
                if (patternHits != null) {
                    one = true;
                    latest = Math.max(latest, patternHits.lastLine);
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
                if (!log.failed()) {
                    return null; // a step-only rule names where a failure happened; no failure, no rule
                }
                latest = log.lastFrameLine();
            }
        }
        return new Fired(ruleIndex, rule, latest);
    }

    private List<Integer> patternsOf(int ruleIndex) {
        List<Integer> out = new ArrayList<>();
        for (int pattern : book.anyIndexes.get(ruleIndex)) {
            out.add(pattern);
        }
        for (int pattern : book.allIndexes.get(ruleIndex)) {
            out.add(pattern);
        }
        return out;
    }

    private static final String[] ERRORISH = {"error", "fatal", "failed", "denied", "not found", "traceback",
            "exception", "cannot", "unable", "no such", "refused", "timed out", "killed"};

    /** For failures no rule knows: the last error-looking lines before the exit trap. */
    private List<Evidence> recentErrorLines() {
        List<Evidence> out = new ArrayList<>();
        long count = Math.min(ringCount, RING);
        for (long seq = ringCount - count; seq < ringCount; seq++) {
            int slot = (int) (seq % RING);
            String text = ring[slot];
            if (text.startsWith("+")) {
                continue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            for (String word : ERRORISH) {
                if (lower.contains(word)) {
                    out.add(new Evidence(ringLine[slot], clip(text)));
                    break;
                }
            }
        }
        return out.size() > 6 ? out.subList(out.size() - 6, out.size()) : out;
    }

    private static List<Evidence> dedupe(List<Evidence> in) {
        Map<Long, Evidence> byLine = new TreeMap<>();
        for (Evidence evidence : in) {
            byLine.putIfAbsent(evidence.line(), evidence);
        }
        List<Evidence> out = new ArrayList<>(byLine.values());
        out.sort(Comparator.comparingLong(Evidence::line));
        return out.size() > MAX_EVIDENCE ? out.subList(out.size() - MAX_EVIDENCE, out.size()) : out;
    }

    private static String successSummary(StackLogSummary log) {
        Map<String, String> facts = log.facts();
        StringBuilder out = new StringBuilder("stack.sh completed");
        if (facts.containsKey("runtime_seconds")) {
            out.append(" in ").append(facts.get("runtime_seconds")).append(" seconds");
        }
        if (facts.containsKey("horizon_url")) {
            out.append("; Horizon is at ").append(facts.get("horizon_url"));
        }
        if (facts.containsKey("keystone_url")) {
            out.append(", Keystone at ").append(facts.get("keystone_url"));
        }
        if (facts.containsKey("host_ip")) {
            out.append(" (host IP ").append(facts.get("host_ip")).append(')');
        }
        return out.append('.').toString();
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
    }

}
