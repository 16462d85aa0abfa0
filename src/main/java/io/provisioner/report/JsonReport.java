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
        for (HostReport h : fleet.hosts()) {
            hosts.add(host(h));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode host(HostReport h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", h.host());
        n.put("role", h.role());
        n.put("status", h.status().label());
        n.put("attempts", h.attempts());
        n.put("message", h.message());
        ArrayNode steps = n.putArray("steps");
        for (StepReport s : h.steps()) {
            ObjectNode sn = steps.addObject();
            sn.put("step", s.step());
            sn.put("attempt", s.attempt());
            sn.put("status", s.status().label());
            sn.put("duration_ms", s.took().toMillis());
            sn.put("detail", s.detail());
        }
        ArrayNode fixups = n.putArray("fixups_applied");
        h.fixupsApplied().forEach(fixups::add);
        Diagnosis d = h.diagnosis();
        if (d == null) {
            n.putNull("diagnosis");
        } else {
            ObjectNode dn = n.putObject("diagnosis");
            dn.put("outcome", d.outcome().label());
            dn.put("category", d.category());
            ArrayNode df = dn.putArray("fixups");
            d.fixups().forEach(df::add);
            dn.put("summary", d.summary());
            // the dashboard links each evidence line into the stored (masked) log of the last attempt
            ArrayNode evidence = dn.putArray("evidence");
            d.evidence().forEach(e -> evidence.addObject().put("line", e.line()).put("text", e.text()));
            if (d.failedStep() != null) {
                ObjectNode fs = dn.putObject("failed_step");
                fs.put("file", d.failedStep().file());
                fs.put("function", d.failedStep().function());
                fs.put("line", d.failedStep().line());
            }
        }
        ArrayNode probes = n.putArray("probes");
        for (ProbeResult p : h.probes()) {
            ObjectNode pn = probes.addObject();
            pn.put("target", p.target());
            pn.put("outcome", p.outcome().label());
            pn.put("elapsed_ms", p.elapsedMillis());
            pn.put("detail", p.detail());
        }
        ObjectNode timing = n.putObject("timing");
        h.timing().forEach(timing::put);
        ObjectNode facts = n.putObject("facts");
        h.facts().forEach(facts::put);
        if (h.log() != null) {
            n.put("log", h.log().toString());
        }
        return n;
    }
}
