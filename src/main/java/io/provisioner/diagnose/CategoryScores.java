package io.provisioner.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Weighs the evidence per category: the message rules that fired (their priority; a match far from the failure
 * counts half) and the structure of the failure (function chain, file, command, die message, service, output tail)
 * voting for a family. Picks the leading category, the next-best one and a {@link Confidence}.
 */
final class CategoryScores {
    /** A structure-only lead below this names no category: a single output hint is not a diagnosis. */
    static final double MIN_STRUCTURE = 4.0;
    /** The next-best within this fraction of the lead makes the call close. */
    static final double CLOSE = 0.75;

    /** One fired message rule, weighed. */
    record Message(String category, double weight) {
    }

    /**
     * One structure rule's vote, with what matched.
     *
     * @param ownOutput true when the rule's {@code output} matched a line the failing command itself printed
     */
    record Vote(StructureRule rule, double weight, List<String> reasons, boolean ownOutput) {
    }

    /**
     * @param category   the leading category, or null when nothing leads
     * @param messageLed true when a message rule of the leading category fired
     * @param vote       the strongest structure vote for the leading category's family, or null
     */
    record Result(String category, Confidence confidence, String nextBest, boolean messageLed, Vote vote,
                  Map<String, Double> scores) {
    }

    private CategoryScores() {
    }

    static List<Vote> votes(List<StructureRule> rules, FailureContext ctx) {
        List<Vote> out = new ArrayList<>();
        for (StructureRule r : rules) {
            double w = 0;
            List<String> reasons = new ArrayList<>();
            if (r.functions() != null) {
                String fn = first(r.functions(), ctx.lastFunction() == null ? List.of() : List.of(ctx.lastFunction()));
                double part = r.weight();
                if (fn == null) {
                    fn = first(r.functions(), ctx.traced());
                }
                if (fn == null) {
                    fn = first(r.functions(), ctx.plainCalls());
                    part = r.weight() / 2;
                }
                if (fn == null) {
                    fn = first(r.functions(), ctx.recent());
                    part = r.weight() / 3;
                }
                if (fn != null) {
                    w += part;
                    reasons.add("function " + fn);
                }
            }
            if (r.files() != null && ctx.file() != null && r.files().matcher(ctx.file()).find()) {
                w += r.weight() / 2;
                reasons.add("file " + ctx.file());
            }
            if (r.commands() != null && ctx.command() != null && r.commands().matcher(ctx.command()).find()) {
                w += r.weight();
                reasons.add("command");
            }
            String err = first(r.errors(), ctx.errors());
            if (err != null) {
                w += r.weight();
                reasons.add("DevStack's error \"" + err + "\"");
            }
            if (r.services() != null && ctx.service() != null && r.services().matcher(ctx.service()).find()) {
                w += r.weight();
                reasons.add("starting service " + ctx.service());
            }
            String out1 = first(r.output(), ctx.tail());
            boolean own = r.hostState() && first(r.output(), ctx.output()) != null;
            if (out1 != null || own) {
                w += r.weight() / 2;
                reasons.add(own ? "the failing command's output" : "output");
            }
            if (w > 0) {
                out.add(new Vote(r, w, List.copyOf(reasons), own));
            }
        }
        return out;
    }

    /** The strongest vote of a host-state family that the failing command's own output cast, or null. */
    private static Vote hostState(List<Vote> votes) {
        Vote best = null;
        for (Vote vote : votes) {
            if (vote.ownOutput() && vote.rule().hostState() && (best == null || vote.weight() > best.weight())) {
                best = vote;
            }
        }
        return best;
    }

    private static String first(Pattern p, List<String> values) {
        if (p == null) {
            return null;
        }
        for (String v : values) {
            if (p.matcher(v).find()) {
                return v;
            }
        }
        return null;
    }

    static Result decide(List<Message> messages, String chosen, List<Vote> votes, Set<String> crossCutting) {
        Map<String, Double> message = new LinkedHashMap<>();
        for (Message m : messages) {
            message.merge(m.category(), m.weight(), Math::max);
        }
        Map<String, Double> score = new LinkedHashMap<>(message);
        Map<String, Vote> bestVote = new LinkedHashMap<>();
        for (Vote v : votes) {
            for (String absorbed : v.rule().absorbs()) {
                Double m = message.get(absorbed);
                // only a full-strength vote (the failed step, the call trace, the die message or the service being
                // started) claims a generic message; functions that merely ran earlier do not
                if (m != null && v.weight() >= v.rule().weight()) {
                    score.merge(v.rule().fallback(), m, Double::sum);
                }
            }
            for (String c : v.rule().family()) {
                if (message.containsKey(c) || c.equals(v.rule().fallback())) {
                    score.merge(c, v.weight(), Double::sum);
                    Vote had = bestVote.get(c);
                    if (had == null || had.weight() < v.weight()) {
                        bestVote.put(c, v);
                    }
                }
            }
        }
        String lead = null;
        String next = null;
        for (Map.Entry<String, Double> e : score.entrySet()) {
            String c = e.getKey();
            if (lead == null || e.getValue() > score.get(lead) || (e.getValue().equals(score.get(lead)) && c.equals(chosen))) {
                next = lead;
                lead = c;
            } else if (next == null || e.getValue() > score.get(next)) {
                next = c;
            }
        }
        Vote state = hostState(votes);
        boolean byMessage = (lead != null && message.containsKey(lead)) || (chosen != null && crossCutting.contains(chosen));
        if (state != null && !byMessage) {
            // the failing command itself said the host is in the way (a file or port left from the previous run, a
            // directory it may not write): like a cross-cutting message, where it failed says nothing against that
            String category = lead != null && state.rule().family().contains(lead) ? lead : state.rule().fallback();
            return new Result(category, Confidence.MEDIUM, category.equals(lead) ? next : lead, false, state, score);
        }
        if (lead == null) {
            return new Result(null, Confidence.LOW, null, false, null, score);
        }
        if (chosen != null && crossCutting.contains(chosen) && !lead.equals(chosen)) {
            // a full disk, a lost name server or the OOM killer fail whatever function runs: where it failed says
            // nothing against them
            next = lead;
            lead = chosen;
        }
        double leadScore = score.get(lead);
        double nextScore = next == null ? 0 : score.get(next);
        boolean messageLed = message.containsKey(lead);
        Confidence confidence;
        if (messageLed && lead.equals(chosen)) {
            confidence = nextScore < CLOSE * leadScore || crossCutting.contains(lead) ? Confidence.HIGH : Confidence.MEDIUM;
        } else if (messageLed) {
            confidence = Confidence.MEDIUM;
        } else if (leadScore < MIN_STRUCTURE) {
            return new Result(null, Confidence.LOW, lead, false, bestVote.get(lead), score);
        } else if (nextScore < CLOSE * leadScore) {
            confidence = Confidence.MEDIUM;
        } else {
            // two families as likely as each other by where it failed: a label would be a guess
            return new Result(null, Confidence.LOW, lead, false, bestVote.get(lead), score);
        }
        if (chosen != null && !lead.equals(chosen)) {
            next = chosen;
        }
        return new Result(lead, confidence, next, messageLed, bestVote.get(lead), score);
    }
}
