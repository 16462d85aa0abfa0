package io.provisioner.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the runbook pages (docs/runbooks/CATEGORY.md) from the rule data, so they cannot drift from what
 * {@code diagnose} does: what the log shows (the rules' messages and the DevStack functions of the family), what the
 * tool does (the fix-ups and the rules' sentences), how to do it by hand (the family advice) and how to verify.
 * RunbookPagesTest fails when the committed pages differ from this output; run it with -Drunbooks.write=true to
 * rewrite them.
 */
public final class RunbookWriter {
    private RunbookWriter() {
    }

    /** File name to Markdown text: one page per category plus README.md. */
    public static Map<String, String> pages(RuleBook book) {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder("# Runbooks: stack.sh failure categories\n\n")
                .append("Generated from the diagnosis rules (src/main/resources/io/provisioner/diagnose/rules.yaml) by\n")
                .append("`RunbookWriter`; do not edit by hand. `provisioner diagnose` names the page of the category it\n")
                .append("finds (text: `Runbook: ...`; JSON: `runbook`).\n\n");
        for (String category : Vocabulary.CATEGORIES) {
            out.put(category + ".md", page(book, category));
            index.append("* [").append(category).append("](").append(category).append(".md)\n");
        }
        out.put("README.md", index.toString());
        return out;
    }

    static String page(RuleBook book, String category) {
        List<Rule> rules = new ArrayList<>();
        for (Rule r : book.rules()) {
            if (r.category().equals(category)) {
                rules.add(r);
            }
        }
        List<StructureRule> families = new ArrayList<>();
        for (StructureRule s : book.structure()) {
            if (s.family().contains(category)) {
                families.add(s);
            }
        }
        StringBuilder b = new StringBuilder("# ").append(category).append("\n\n");
        b.append("Generated from the diagnosis rules by `RunbookWriter`; do not edit by hand.\n\n");
        b.append("## What the log shows\n\n");
        if (rules.isEmpty() && families.isEmpty()) {
            b.append("No rule names this category: `diagnose` says `unknown` when neither a known message nor the\n")
                    .append("place of the failure (function chain, command, die message) points to a family. It then\n")
                    .append("names the next-best category when one came close, and offers no fix-up.\n\n");
        }
        for (Rule r : rules) {
            b.append("* Rule `").append(r.id()).append("` (priority ").append(r.priority()).append(")");
            if (r.step() != null) {
                b.append(", failed step matching `").append(r.step().pattern()).append('`');
            }
            b.append(":\n");
            for (var p : r.any()) {
                b.append("  * a line matching `").append(p.pattern()).append("`\n");
            }
            for (var p : r.all()) {
                b.append("  * and somewhere a line matching `").append(p.pattern()).append("`\n");
            }
        }
        for (StructureRule s : families) {
            b.append("* Where it failed (family `").append(s.id()).append("`")
                    .append(s.fallback().equals(category) ? ", named even when no message rule fires" : "")
                    .append("):\n");
            if (s.functions() != null) {
                b.append("  * a failing function matching `").append(s.functions().pattern()).append("`\n");
            }
            if (s.commands() != null) {
                b.append("  * the failed command matching `").append(s.commands().pattern()).append("`\n");
            }
            if (s.errors() != null) {
                b.append("  * DevStack's `[ERROR]` message matching `").append(s.errors().pattern()).append("`\n");
            }
            if (s.services() != null) {
                b.append("  * the service being started matching `").append(s.services().pattern()).append("`\n");
            }
            if (s.output() != null) {
                b.append(s.hostState() ? "  * what the failing command printed matching `" : "  * the last output matching `")
                        .append(s.output().pattern()).append("`")
                        .append(s.hostState() ? " (names the category whatever function failed)" : "").append("\n");
            }
        }
        if (book.crossCutting.contains(category)) {
            b.append("\nThis category is a state of the host, so it can show inside any DevStack function.\n");
        }
        b.append("\n## What the tool does\n\n");
        List<String> fixups = new ArrayList<>();
        for (Rule r : rules) {
            for (String f : r.fixups()) {
                if (!fixups.contains(f)) {
                    fixups.add(f);
                }
            }
        }
        if (fixups.isEmpty()) {
            b.append("No fix-up: `diagnose` explains and `deploy` stops with the failure paragraph.\n");
        } else {
            b.append("Fix-ups: ").append(String.join(", ", fixups.stream().map(f -> "`" + f + "`").toList()))
                    .append(", applied by `deploy` when the spec allows them (`fixups:`), or by hand with\n")
                    .append("`provisioner fixup NAME --host HOST`. They are offered only when the call is clear\n")
                    .append("(confidence high); when another family competes, `diagnose` names the next-best category\n")
                    .append("and offers none.\n");
        }
        for (Rule r : rules) {
            b.append("\n* `").append(r.id()).append("`: ").append(plain(r.summary())).append('\n');
        }
        b.append("\n## By hand, when the tool cannot\n\n");
        if (families.isEmpty() && rules.isEmpty()) {
            b.append("Read the evidence lines and the log around the failed step; fix the cause on the host or in the\n")
                    .append("spec, then run ./unstack.sh and deploy again.\n");
        }
        for (StructureRule s : families) {
            if (!s.advice().isEmpty()) {
                b.append("* ").append(s.advice()).append('\n');
            }
        }
        if (families.isEmpty() && !rules.isEmpty()) {
            b.append("* Follow the sentence of the matching rule above; each names the change on the host or in the spec.\n");
        }
        b.append("\n## How to verify\n\n")
                .append("1. Run `provisioner deploy` again (or ./stack.sh on the host).\n")
                .append("2. `provisioner diagnose` on the new log no longer names `").append(category)
                .append("`; on success it says `succeeded`.\n");
        return b.toString();
    }

    /** A rule sentence without its ${fact|fallback} placeholders: the fallback text is what a reader needs. */
    static String plain(String summary) {
        return SummaryTemplate.render(summary, Map.of()).replace("\n", " ");
    }
}
