package io.provisioner.diagnose;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One failure rule, compiled from a rule file (see rules/README.md next to the data).
 *
 * @param id         unique name, e.g. {@code mysql/1045}
 * @param category   one of {@link Vocabulary#CATEGORIES}
 * @param fixups     fix-up names to apply, in order (may be empty)
 * @param priority   higher wins when several rules fire
 * @param any        the rule fires when one of these regexes matches a line (empty: no line needed)
 * @param all        and every one of these matched some line (the regexes as written: the rule book compiles
 *                   them, the built-in ones when a line first reaches them)
 * @param step       and this matches the failed step "file:function:line command" (null: any step)
 * @param afterExit  also consider lines printed after "Error on exit" (worlddump); normally false
 * @param inTrace    also match xtrace lines (lines starting with '+'); normally false, because DevStack traces
 *                   its own messages (test_with_retry ... 'Neutron did not start') on successful runs too
 * @param hang       the failure shows as a hang (prompt, lock wait): a log with no error marker stays incomplete
 * @param summary    one-sentence template with ${fact} or ${fact|fallback} placeholders
 * @param competesWith a second category the same messages commonly come from (null: none): the log cannot tell the
 *                   two apart, so the rule names its own at most at medium confidence with this one next best, and
 *                   offers no fix-up
 */
public record Rule(String id, String category, List<String> fixups, int priority, List<String> any,
                   List<String> all, Pattern step, boolean afterExit, boolean inTrace, boolean hang,
                   String summary, String competesWith) {
}
