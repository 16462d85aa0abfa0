package io.provisioner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.deploy.FleetReport;
import io.provisioner.deploy.HostReport;
import io.provisioner.deploy.StepReport;
import io.provisioner.diagnose.Diagnosis;
import io.provisioner.probe.ProbeResult;

/**
 * The one summary object of {@code deploy --format json} and {@code report.json}: per host its status,
 * steps with durations, fix-ups applied, diagnosis, probe results and DevStack's timing table. Texts in a
 * {@link HostReport} are masked already.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(FleetReport fleet) {
        ObjectNode root = JSON.createObjectNode();
        root.put("run", fleet.run());
        root.put("status", fleet.allHealthy() ? "healthy" : "failed");
        root.put("duration_ms", fleet.took().toMillis());
        ArrayNode hosts = root.putArray("hosts");
        for (HostReport hostReport : fleet.hosts()) {
            hosts.add(host(hostReport));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode host(HostReport report) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", report.host());
        node.put("role", report.role());
        node.put("status", report.status().label());
        node.put("attempts", report.attempts());
        node.put("message", report.message());
        ArrayNode steps = node.putArray("steps");
        for (StepReport step : report.steps()) {
            ObjectNode sn = steps.addObject();
            sn.put("step", step.step());
            sn.put("attempt", step.attempt());
            sn.put("status", step.status().label());
            sn.put("duration_ms", step.took().toMillis());
            sn.put("detail", step.detail());
        }
        ArrayNode fixups = node.putArray("fixups_applied");
        report.fixupsApplied().forEach(fixups::add);
        Diagnosis diagnosis = report.diagnosis();
        if (diagnosis == null) {
            node.putNull("diagnosis");
        } else {
            ObjectNode dn = node.putObject("diagnosis");
            dn.put("outcome", diagnosis.outcome().label());
            dn.put("category", diagnosis.category());
            ArrayNode df = dn.putArray("fixups");
            diagnosis.fixups().forEach(df::add);
            dn.put("summary", diagnosis.summary());
            // the dashboard links each evidence line into the stored (masked) log of the last attempt
            ArrayNode evidence = dn.putArray("evidence");
            diagnosis.evidence().forEach(evidenceLine -> evidence.addObject().put("line", evidenceLine.line())
                    .put("text", evidenceLine.text()));
            if (diagnosis.failedStep() != null) {
                ObjectNode fs = dn.putObject("failed_step");
                fs.put("file", diagnosis.failedStep().file());
                fs.put("function", diagnosis.failedStep().function());
                fs.put("line", diagnosis.failedStep().line());
            }
        }
        ArrayNode probes = node.putArray("probes");
        for (ProbeResult probe : report.probes()) {
            ObjectNode pn = probes.addObject();
            pn.put("target", probe.target());
            pn.put("outcome", probe.outcome().label());
            pn.put("elapsed_ms", probe.elapsedMillis());
            pn.put("detail", probe.detail());
        }
        ObjectNode timing = node.putObject("timing");
        report.timing().forEach(timing::put);
        ObjectNode facts = node.putObject("facts");
        report.facts().forEach(facts::put);
        if (report.log() != null) {
            node.put("log", report.log().toString());
        }
        return node;
    }
}
