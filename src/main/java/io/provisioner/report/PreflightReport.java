package io.provisioner.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.deploy.CheckResult;
import io.provisioner.deploy.CheckStatus;
import io.provisioner.deploy.FleetPreflight;
import io.provisioner.spec.SecretMasker;

import java.io.PrintWriter;
import java.util.List;

/** {@code preflight}'s output: one line per check with its remedy for people, an array per host for scripts. */
public final class PreflightReport {
    private PreflightReport() {
    }

    public static void text(List<FleetPreflight.HostChecks> results, SecretMasker masker, PrintWriter out) {
        for (FleetPreflight.HostChecks hc : results) {
            for (CheckResult result : hc.checks()) {
                boolean needsRemedy = result.status() == CheckStatus.FAIL || result.status() == CheckStatus.WARN;
                out.printf("%-12s %-5s %-14s %s%s%n", hc.host(), result.status().label(), result.check(),
                        masker.mask(result.detail()), needsRemedy ? " -> "
                                + (result.fixup() != null ? "fix-up " + result.fixup() + "; " : "") + result.remedy() : "");
            }
        }
    }

    public static String json(List<FleetPreflight.HostChecks> results, SecretMasker masker) {
        return tree(results, masker).toPrettyString();
    }

    /** Every host's checks as JSON, details masked: what `preflight --format json` and the service answer. */
    public static ArrayNode tree(List<FleetPreflight.HostChecks> results, SecretMasker masker) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (FleetPreflight.HostChecks hc : results) {
            ObjectNode host = array.addObject();
            host.put("host", hc.host());
            host.put("unreachable", hc.unreachable());
            ArrayNode checks = host.putArray("checks");
            for (CheckResult result : hc.checks()) {
                ObjectNode check = checks.addObject();
                check.put("check", result.check());
                check.put("status", result.status().label());
                check.put("detail", masker.mask(result.detail()));
                check.put("remedy", result.remedy());
                check.put("fixup", result.fixup());
            }
        }
        return array;
    }
}
