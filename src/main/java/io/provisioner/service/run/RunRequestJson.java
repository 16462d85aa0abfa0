package io.provisioner.service.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provisioner.service.http.ApiError;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JSON of {@code POST /api/v1/runs}, both ways: a body is parsed strictly (malformed JSON, an unknown
 * field or a wrong type is a 400 naming the field), and a request is written back for storage.
 */
public final class RunRequestJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("spec", "hosts", "sandbox", "retries");
    private static final Set<String> SANDBOX = Set.of("faults", "era", "hosts");

    private RunRequestJson() {
    }

    /** Parses any JSON body into a tree; malformed JSON is a 400 with its line and column. */
    public static JsonNode tree(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new ApiError(400, "the request body is empty; send a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ApiError(400, "the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiError(400, "cannot read the request body: " + e.getMessage());
        }
    }

    public static RunRequest parse(byte[] body) {
        JsonNode root = tree(body);
        if (!root.isObject()) {
            throw new ApiError(400, "the request body must be a JSON object, found " + root.getNodeType().name().toLowerCase());
        }
        checkFields(root, TOP, "");
        String spec = null;
        if (root.has("spec") && !root.get("spec").isNull()) {
            if (!root.get("spec").isTextual()) {
                throw new ApiError(400, "field 'spec' must be a string holding the YAML spec");
            }
            spec = root.get("spec").asText();
        }
        List<String> hosts = new ArrayList<>();
        if (root.has("hosts") && !root.get("hosts").isNull()) {
            if (!root.get("hosts").isArray()) {
                throw new ApiError(400, "field 'hosts' must be an array of host names");
            }
            for (JsonNode host : root.get("hosts")) {
                if (!host.isTextual() || host.asText().isBlank()) {
                    throw new ApiError(400, "field 'hosts' must hold host names (strings)");
                }
                hosts.add(host.asText());
            }
        }
        SandboxRequest sandbox = null;
        if (root.has("sandbox") && !root.get("sandbox").isNull()) {
            sandbox = sandbox(root.get("sandbox"));
        }
        Integer retries = null;
        if (root.has("retries") && !root.get("retries").isNull()) {
            JsonNode retriesNode = root.get("retries");
            if (!retriesNode.isInt() || retriesNode.asInt() < 0 || retriesNode.asInt() > 20) {
                throw new ApiError(400, "field 'retries' must be a whole number 0..20");
            }
            retries = retriesNode.asInt();
        }
        if (spec == null && sandbox == null) {
            throw new ApiError(400, "field 'spec' is missing; send the YAML spec as a string (only a sandbox run may omit it)");
        }
        return new RunRequest(spec, List.copyOf(hosts), sandbox, retries);
    }

    private static SandboxRequest sandbox(JsonNode sandboxNode) {
        if (!sandboxNode.isObject()) {
            throw new ApiError(400, "field 'sandbox' must be an object {faults, era, hosts}");
        }
        checkFields(sandboxNode, SANDBOX, "sandbox.");
        Set<String> faults = new LinkedHashSet<>();
        JsonNode faultsNode = sandboxNode.get("faults");
        if (faultsNode == null || faultsNode.isNull()) {
            faults.add("seed");
        } else if (faultsNode.isTextual()) {
            faults.add(faultsNode.asText());
        } else if (faultsNode.isArray()) {
            for (JsonNode one : faultsNode) {
                if (!one.isTextual()) {
                    throw new ApiError(400, "field 'sandbox.faults' must be \"seed\", \"none\" or a list of fault names");
                }
                faults.add(one.asText());
            }
        } else {
            throw new ApiError(400, "field 'sandbox.faults' must be \"seed\", \"none\" or a list of fault names");
        }
        String era = sandboxNode.hasNonNull("era") ? sandboxNode.get("era").asText() : "current";
        int hosts = 1;
        if (sandboxNode.hasNonNull("hosts")) {
            if (!sandboxNode.get("hosts").isInt()) {
                throw new ApiError(400, "field 'sandbox.hosts' must be a whole number 1..16");
            }
            hosts = sandboxNode.get("hosts").asInt();
        }
        return new SandboxRequest(Set.copyOf(faults), era, hosts);
    }

    private static void checkFields(JsonNode object, Set<String> allowed, String prefix) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ApiError(400, "unknown field '" + prefix + name + "'; allowed: "
                        + String.join(", ", allowed.stream().sorted().map(known -> prefix + known).toList()));
            }
        }
    }

    /**
     * The request as stored (the spec text is stored apart); {@code inlineSecrets}: the stored spec is
     * masked and the real one lives only in the accepting instance's memory.
     */
    public static String toJson(RunRequest request, boolean inlineSecrets) {
        ObjectNode json = JSON.createObjectNode();
        if (inlineSecrets) {
            json.put("inline_secrets", true);
        }
        ArrayNode hosts = json.putArray("hosts");
        request.hosts().forEach(hosts::add);
        if (request.sandbox() != null) {
            ObjectNode sandbox = json.putObject("sandbox");
            ArrayNode faults = sandbox.putArray("faults");
            request.sandbox().faults().stream().sorted().forEach(faults::add);
            sandbox.put("era", request.sandbox().era());
            sandbox.put("hosts", request.sandbox().hosts());
        }
        if (request.retries() != null) {
            json.put("retries", request.retries());
        }
        return json.toString();
    }

    public static boolean storedWithInlineSecrets(String json) {
        try {
            return JSON.readTree(json).path("inline_secrets").asBoolean(false);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** A stored request read back, with its spec text. */
    public static RunRequest fromStored(String json, String specText) {
        try {
            JsonNode tree = JSON.readTree(json);
            List<String> hosts = new ArrayList<>();
            tree.path("hosts").forEach(host -> hosts.add(host.asText()));
            SandboxRequest sandbox = null;
            if (tree.has("sandbox")) {
                Set<String> faults = new LinkedHashSet<>();
                tree.get("sandbox").path("faults").forEach(fault -> faults.add(fault.asText()));
                sandbox = new SandboxRequest(Set.copyOf(faults), tree.get("sandbox").path("era").asText("current"),
                        tree.get("sandbox").path("hosts").asInt(1));
            }
            Integer retries = tree.has("retries") ? tree.get("retries").asInt() : null;
            return new RunRequest(specText, List.copyOf(hosts), sandbox, retries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run request is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
