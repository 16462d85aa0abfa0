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
        for (StructureRule rule : rules) {
            double weight = 0;
            List<String> reasons = new ArrayList<>();
            if (rule.functions() != null) {
                String fn = first(rule.functions(), ctx.lastFunction() == null ? List.of() : List.of(ctx.lastFunction()));
                double part = rule.weight();
                if (fn == null) {
                    fn = first(rule.functions(), ctx.traced());
                }
                if (fn == null) {
                    fn = first(rule.functions(), ctx.plainCalls());
                    part = rule.weight() / 2;
                }
                if (fn == null) {
                    fn = first(rule.functions(), ctx.recent());
                    part = rule.weight() / 3;
                }
                if (fn != null) {
                    weight += part;
                    reasons.add("function " + fn);
                }
            }
            if (rule.files() != null && ctx.file() != null && rule.files().matcher(ctx.file()).find()) {
                weight += rule.weight() / 2;
                reasons.add("file " + ctx.file());
            }
            if (rule.commands() != null && ctx.command() != null && rule.commands().matcher(ctx.command()).find()) {
                weight += rule.weight();
                reasons.add("command");
            }
            String err = first(rule.errors(), ctx.errors());
            if (err != null) {
                weight += rule.weight();
                reasons.add("DevStack's error \"" + err + "\"");
            }
            if (rule.services() != null && ctx.service() != null && rule.services().matcher(ctx.service()).find()) {
                weight += rule.weight();
                reasons.add("starting service " + ctx.service());
            }
            String out1 = first(rule.output(), ctx.tail());
            boolean own = rule.hostState() && first(rule.output(), ctx.output()) != null;
            if (out1 != null || own) {
                weight += rule.weight() / 2;
                reasons.add(own ? "the failing command's output" : "output");
            }
            if (weight > 0) {
                out.add(new Vote(rule, weight, List.copyOf(reasons), own));
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

    private static String first(Pattern pattern, List<String> values) {
        if (pattern == null) {
            return null;
        }
        for (String value : values) {
            if (pattern.matcher(value).find()) {
                return value;
            }
        }
        return null;
    }

    /**
     * @param rival the chosen rule's {@code competes_with}: a second category its message commonly comes from, or null
     */
    static Result decide(List<Message> messages, String chosen, String rival, List<Vote> votes,
                         Set<String> crossCutting) {
        Map<String, Double> message = new LinkedHashMap<>();
        for (Message candidate : messages) {
            message.merge(candidate.category(), candidate.weight(), Math::max);
        }
        Map<String, Double> score = new LinkedHashMap<>(message);
        Map<String, Vote> bestVote = new LinkedHashMap<>();
        Set<String> claimed = new java.util.HashSet<>();
        for (Vote vote : votes) {
            for (String absorbed : vote.rule().absorbs()) {
                Double messageScore = message.get(absorbed);
                // only a full-strength vote (the failed step, the call trace, the die message or the service being
                // started) claims a generic message; functions that merely ran earlier do not. A claimed message
                // speaks for the backend instead of its own category, not for both: "unrecognized service" for
                // Open vSwitch's unit is the Neutron backend's failure, not a second, equal reading
                if (messageScore != null && vote.weight() >= vote.rule().weight()) {
                    score.merge(vote.rule().fallback(), messageScore, Double::sum);
                    if (claimed.add(absorbed)) {
                        score.merge(absorbed, -messageScore, Double::sum);
                    }
                }
            }
            for (String category : vote.rule().family()) {
                if (category.equals(rival) && message.containsKey(chosen) && !vote.rule().family().contains(chosen)) {
                    // the chosen message already names this family as its other common cause (a module without the
                    // name a service imports makes that service not start): where it failed (the start function,
                    // "X did not start") is what both readings predict, so it does not speak for the rival
                    continue;
                }
                if (message.containsKey(category) || category.equals(vote.rule().fallback())) {
                    score.merge(category, vote.weight(), Double::sum);
                    Vote had = bestVote.get(category);
                    if (had == null || had.weight() < vote.weight()) {
                        bestVote.put(category, vote);
                    }
                }
            }
        }
        String lead = null;
        String next = null;
        for (Map.Entry<String, Double> entry : score.entrySet()) {
            String category = entry.getKey();
            if (lead == null || entry.getValue() > score.get(lead)
                    || (entry.getValue().equals(score.get(lead)) && category.equals(chosen))) {
                next = lead;
                lead = category;
            } else if (next == null || entry.getValue() > score.get(next)) {
                next = category;
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
        if (messageLed && lead.equals(chosen) && rival != null) {
            // the message itself has two common causes (a port held by a previous run's service, or by a second
            // service of this run configured on the same port): as close as a call gets, whatever else scored;
            // even a cross-cutting category, which where it failed never speaks against, is not clear here
            confidence = Confidence.MEDIUM;
            next = rival;
        } else if (messageLed && lead.equals(chosen)) {
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
