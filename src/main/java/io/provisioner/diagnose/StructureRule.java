package io.provisioner.diagnose;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Evidence from where DevStack failed rather than what a program printed: a family of categories that a failure
 * belongs to when it happens inside certain functions, files, commands, die messages or service starts, whatever
 * message the failing program printed. Compiled from the {@code structure:} section of a rule file.
 *
 * @param id        unique name, e.g. {@code python-packaging}
 * @param family    the categories this evidence speaks for (a message rule of one of them is confirmed by it)
 * @param fallback  the category named when no message rule of the family fired
 * @param weight    evidence weight of one matching kind (function, file, command, error, service; output counts
 *                  half, a function seen only among the recent frames a third)
 * @param functions matched against each function of the failing chain ({@code [Call Trace]} callees, PS4 frames)
 * @param files     matched against the failed step's file
 * @param commands  matched against the command of the failed step
 * @param errors    matched against DevStack's {@code [ERROR] file:line message} messages
 * @param services  matched against the service whose start was traced last
 * @param output    matched against the last lines of program output before the failure
 * @param absorbs   generic categories whose message rules, when this family votes, speak for the family (a
 *                  "did not start" die inside Neutron's start is a Neutron failure)
 * @param hostState true when {@code output} describes the host's state (a file, port or bridge left from the previous
 *                  run, a directory the stack user may not write): printed by the failing command itself, it names
 *                  the category whatever function failed, as a cross-cutting message does
 * @param advice    what to do, for the summary when only this evidence names the category (and the runbook)
 */
public record StructureRule(String id, List<String> family, String fallback, double weight, Pattern functions,
                            Pattern files, Pattern commands, Pattern errors, Pattern services, Pattern output,
                            List<String> absorbs, boolean hostState, String advice) {
}
