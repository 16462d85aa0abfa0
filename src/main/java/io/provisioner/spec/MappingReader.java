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
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problems.at(t.getKeyNode(), "a key in " + where + " is not plain text; use a plain word as the key");
                continue;
            }
            if (allowed != null && !allowed.contains(k.getValue())) {
                problems.at(k, "unknown key '" + k.getValue() + "' in " + where + "; "
                        + DidYouMean.hint(k.getValue(), allowed));
                continue;
            }
            entries.put(k.getValue(), t);
        }
    }

    /** A reader over {@code n}, or null (problem recorded) when it is not a mapping. {@code allowed} null = any key. */
    static MappingReader of(Node n, String where, Problems problems, List<String> allowed) {
        if (n instanceof MappingNode m) {
            return new MappingReader(m, where, problems, allowed);
        }
        problems.at(n, where + " must be a mapping (key: value lines), found " + describe(n) + "; fix its layout");
        return null;
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(n)) {
            return "nothing";
        }
        Tag t = n.getTag();
        if (Tag.INT.equals(t) || Tag.FLOAT.equals(t)) {
            return "a number";
        }
        if (Tag.BOOL.equals(t)) {
            return "a true/false value";
        }
        return "text";
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
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
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** The value node, or null when absent or written as null (~). */
    Node present(String key) {
        Node v = value(key);
        return v == null || isNull(v) ? null : v;
    }

    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    void missing(String key, String example) {
        problems.at(node, "missing key '" + key + "' in " + where + "; add e.g. " + example);
    }

    /** Text of a string-typed scalar; null when absent. */
    String text(String key) {
        Node v = present(key);
        return v == null ? null : text(v, where + "." + key, problems);
    }

    String text(String key, String fallback) {
        String s = text(key);
        return s == null ? fallback : s;
    }

    static String text(Node v, String what, Problems problems) {
        if (v instanceof ScalarNode s && (Tag.STR.equals(s.getTag()) || isNull(s))) {
            return s.getValue();
        }
        if (v instanceof ScalarNode s) {
            problems.at(v, what + " must be text, found " + describe(v) + "; put it in quotes: \"" + s.getValue() + "\"");
        } else {
            problems.at(v, what + " must be text, found " + describe(v) + "; write a single value");
        }
        return null;
    }

    /** Any scalar's text (strings, numbers, booleans as written): for localrc and INI values. */
    static String scalar(Node v, String what, Problems problems) {
        if (v instanceof ScalarNode s && !isNull(s)) {
            return s.getValue();
        }
        problems.at(v, what + " must be a single value, found " + describe(v) + "; write e.g. \"value\"");
        return null;
    }

    int integer(String key, int fallback, int min, int max) {
        Node v = present(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            try {
                int n = Integer.parseInt(s.getValue().replace("_", ""));
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        problems.at(v, where + "." + key + " must be a whole number from " + min + " to " + max + ", found "
                + (v instanceof ScalarNode s ? "'" + s.getValue() + "'" : describe(v)) + "; change it");
        return fallback;
    }

    /** The items of a list; empty when absent; null items reported. */
    List<Node> list(String key) {
        Node v = present(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof SequenceNode seq)) {
            problems.at(v, where + "." + key + " must be a list, found " + describe(v) + "; write [a, b] or '- a' lines");
            return List.of();
        }
        return new ArrayList<>(seq.getValue());
    }

    List<String> textList(String key) {
        List<String> out = new ArrayList<>();
        for (Node n : list(key)) {
            String s = text(n, where + "." + key + " item", problems);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    MappingReader mapping(String key, List<String> allowed) {
        Node v = present(key);
        return v == null ? null : of(v, where + "." + key, problems, allowed);
    }
}
