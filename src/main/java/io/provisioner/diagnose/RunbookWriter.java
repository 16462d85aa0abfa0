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
        for (Rule rule : book.rules()) {
            if (rule.category().equals(category)) {
                rules.add(rule);
            }
        }
        List<StructureRule> families = new ArrayList<>();
        for (StructureRule family : book.structure()) {
            if (family.family().contains(category)) {
                families.add(family);
            }
        }
        StringBuilder out = new StringBuilder("# ").append(category).append("\n\n");
        out.append("Generated from the diagnosis rules by `RunbookWriter`; do not edit by hand.\n\n");
        out.append("## What the log shows\n\n");
        if (rules.isEmpty() && families.isEmpty()) {
            out.append("No rule names this category: `diagnose` says `unknown` when neither a known message nor the\n")
                    .append("place of the failure (function chain, command, die message) points to a family. It then\n")
                    .append("names the next-best category when one came close, and offers no fix-up.\n\n");
        }
        for (Rule rule : rules) {
            out.append("* Rule `").append(rule.id()).append("` (priority ").append(rule.priority()).append(")");
            if (rule.step() != null) {
                out.append(", failed step matching `").append(rule.step().pattern()).append('`');
            }
            out.append(":\n");
            for (String regex : rule.any()) {
                out.append("  * a line matching `").append(regex).append("`\n");
            }
            for (String regex : rule.all()) {
                out.append("  * and somewhere a line matching `").append(regex).append("`\n");
            }
        }
        for (StructureRule family : families) {
            out.append("* Where it failed (family `").append(family.id()).append("`")
                    .append(family.fallback().equals(category) ? ", named even when no message rule fires" : "")
                    .append("):\n");
            if (family.functions() != null) {
                out.append("  * a failing function matching `").append(family.functions().pattern()).append("`\n");
            }
            if (family.commands() != null) {
                out.append("  * the failed command matching `").append(family.commands().pattern()).append("`\n");
            }
            if (family.errors() != null) {
                out.append("  * DevStack's `[ERROR]` message matching `").append(family.errors().pattern()).append("`\n");
            }
            if (family.services() != null) {
                out.append("  * the service being started matching `").append(family.services().pattern()).append("`\n");
            }
            if (family.output() != null) {
                out.append(family.hostState() ? "  * what the failing command printed matching `"
                                : "  * the last output matching `")
                        .append(family.output().pattern()).append("`")
                        .append(family.hostState() ? " (names the category whatever function failed)" : "").append("\n");
            }
        }
        if (book.crossCutting.contains(category)) {
            out.append("\nThis category is a state of the host, so it can show inside any DevStack function.\n");
        }
        out.append("\n## What the tool does\n\n");
        List<String> fixups = new ArrayList<>();
        for (Rule rule : rules) {
            for (String fixup : rule.fixups()) {
                if (!fixups.contains(fixup)) {
                    fixups.add(fixup);
                }
            }
        }
        if (fixups.isEmpty()) {
            out.append("No fix-up: `diagnose` explains and `deploy` stops with the failure paragraph.\n");
        } else {
            out.append("Fix-ups: ").append(String.join(", ", fixups.stream().map(fixup -> "`" + fixup + "`").toList()))
                    .append(", applied by `deploy` when the spec allows them (`fixups:`), or by hand with\n")
                    .append("`provisioner fixup NAME --host HOST`. They are offered only when the call is clear\n")
                    .append("(confidence high); when another family competes, `diagnose` names the next-best category\n")
                    .append("and offers none.\n");
        }
        for (Rule rule : rules) {
            out.append("\n* `").append(rule.id()).append("`: ").append(plain(rule.summary())).append('\n');
        }
        out.append("\n## By hand, when the tool cannot\n\n");
        if (families.isEmpty() && rules.isEmpty()) {
            out.append("Read the evidence lines and the log around the failed step; fix the cause on the host or in the\n")
                    .append("spec, then run ./unstack.sh and deploy again.\n");
        }
        for (StructureRule family : families) {
            if (!family.advice().isEmpty()) {
                out.append("* ").append(family.advice()).append('\n');
            }
        }
        if (families.isEmpty() && !rules.isEmpty()) {
            out.append("* Follow the sentence of the matching rule above; each names the change on the host or in the "
                    + "spec.\n");
        }
        out.append("\n## How to verify\n\n")
                .append("1. Run `provisioner deploy` again (or ./stack.sh on the host).\n")
                .append("2. `provisioner diagnose` on the new log no longer names `").append(category)
                .append("`; on success it says `succeeded`.\n");
        return out.toString();
    }

    /** A rule sentence without its ${fact|fallback} placeholders: the fallback text is what a reader needs. */
    static String plain(String summary) {
        return SummaryTemplate.render(summary, Map.of()).replace("\n", " ");
    }
}
