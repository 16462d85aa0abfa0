package io.provisioner.spec;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, located access to one YAML mapping. Every wrong shape becomes a problem at the offending node
 * and a null/default result, so reading continues and all problems are reported together.
 */
final class MappingReader {
    private final MappingNode node;
    private final String where;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private MappingReader(MappingNode node, String where, Problems problems, List<String> allowed) {
        this.node = node;
        this.where = where;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.at(tuple.getKeyNode(), "a key in " + where + " is not plain text; use a plain word as the key");
                continue;
            }
            if (allowed != null && !allowed.contains(keyNode.getValue())) {
                problems.at(keyNode, "unknown key '" + keyNode.getValue() + "' in " + where + "; "
                        + DidYouMean.hint(keyNode.getValue(), allowed));
                continue;
            }
            entries.put(keyNode.getValue(), tuple);
        }
    }

    /** A reader over {@code n}, or null (problem recorded) when it is not a mapping. {@code allowed} null = any key. */
    static MappingReader of(Node node, String where, Problems problems, List<String> allowed) {
        if (node instanceof MappingNode mappingNode) {
            return new MappingReader(mappingNode, where, problems, allowed);
        }
        problems.at(node, where + " must be a mapping (key: value lines), found " + describe(node) + "; fix its layout");
        return null;
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing";
        }
        Tag tag = node.getTag();
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "a number";
        }
        if (Tag.BOOL.equals(tag)) {
            return "a true/false value";
        }
        return "text";
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    MappingNode node() {
        return node;
    }

    String where() {
        return where;
    }

    Map<String, NodeTuple> entries() {
        return entries;
    }

    Node value(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getValueNode();
    }

    /** The value node, or null when absent or written as null (~). */
    Node present(String key) {
        Node valueNode = value(key);
        return valueNode == null || isNull(valueNode) ? null : valueNode;
    }

    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? node : tuple.getKeyNode();
    }

    void missing(String key, String example) {
        problems.at(node, "missing key '" + key + "' in " + where + "; add e.g. " + example);
    }

    /** Text of a string-typed scalar; null when absent. */
    String text(String key) {
        Node valueNode = present(key);
        return valueNode == null ? null : text(valueNode, where + "." + key, problems);
    }

    String text(String key, String fallback) {
        String found = text(key);
        return found == null ? fallback : found;
    }

    static String text(Node valueNode, String what, Problems problems) {
        if (valueNode instanceof ScalarNode scalar && (Tag.STR.equals(scalar.getTag()) || isNull(scalar))) {
            return scalar.getValue();
        }
        if (valueNode instanceof ScalarNode scalarNode) {
            problems.at(valueNode, what + " must be text, found " + describe(valueNode) + "; put it in quotes: \""
                    + scalarNode.getValue() + "\"");
        } else {
            problems.at(valueNode, what + " must be text, found " + describe(valueNode) + "; write a single value");
        }
        return null;
    }

    /** Any scalar's text (strings, numbers, booleans as written): for localrc and INI values. */
    static String scalar(Node valueNode, String what, Problems problems) {
        if (valueNode instanceof ScalarNode scalar && !isNull(scalar)) {
            return scalar.getValue();
        }
        problems.at(valueNode, what + " must be a single value, found " + describe(valueNode) + "; write e.g. \"value\"");
        return null;
    }

    int integer(String key, int fallback, int min, int max) {
        Node valueNode = present(key);
        if (valueNode == null) {
            return fallback;
        }
        if (valueNode instanceof ScalarNode scalarNode && Tag.INT.equals(scalarNode.getTag())) {
            try {
                int number = Integer.parseInt(scalarNode.getValue().replace("_", ""));
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        problems.at(valueNode, where + "." + key + " must be a whole number from " + min + " to " + max + ", found "
                + (valueNode instanceof ScalarNode scalarNode ? "'" + scalarNode.getValue() + "'" : describe(valueNode))
                + "; change it");
        return fallback;
    }

    /** The items of a list; empty when absent; null items reported. */
    List<Node> list(String key) {
        Node valueNode = present(key);
        if (valueNode == null) {
            return List.of();
        }
        if (!(valueNode instanceof SequenceNode seq)) {
            problems.at(valueNode, where + "." + key + " must be a list, found " + describe(valueNode)
                    + "; write [a, b] or '- a' lines");
            return List.of();
        }
        return new ArrayList<>(seq.getValue());
    }

    List<String> textList(String key) {
        List<String> out = new ArrayList<>();
        for (Node item : list(key)) {
            String itemText = text(item, where + "." + key + " item", problems);
            if (itemText != null) {
                out.add(itemText);
            }
        }
        return out;
    }

    MappingReader mapping(String key, List<String> allowed) {
        Node valueNode = present(key);
        return valueNode == null ? null : of(valueNode, where + "." + key, problems, allowed);
    }
}
