package io.provisioner.spec;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses spec text into SnakeYAML's node tree, which keeps line and column for every value (Jackson's tree
 * does not). Also finds what a plain YAML load lets through: duplicate keys (SnakeYAML keeps the last one)
 * and CR/LF/NUL in any value (a newline in local.conf can inject a whole section).
 */
final class YamlDocument {
    private YamlDocument() {
    }

    /** The root node, or null when the text is not YAML (the problem is recorded). */
    static Node parse(String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        try {
            // what Yaml.compose does, without building a Yaml: its object constructor (unused here, only the node
            // tree is read) starts java.util.logging, a fifth of a cold validate's time in SnakeYAML
            Node root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(),
                    options).getSingleNode();
            if (root == null) {
                problems.add(1, 1, "the file is empty; start with 'version: 1' and a 'hosts:' list");
                return null;
            }
            checkTree(root, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
            return root;
        } catch (MarkedYAMLException e) {
            problems.at(e.getProblemMark(), syntaxMessage(e));
            return null;
        } catch (YAMLException e) {
            problems.add(1, 1, "not valid YAML: " + e.getMessage() + "; fix the YAML syntax");
            return null;
        }
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        if (problem.contains("\\t") || problem.contains("\t") || problem.contains("tab")) {
            return "a tab character; YAML indents with spaces only, replace the tab with spaces";
        }
        if (context.contains("quoted scalar")) {
            String where = e.getContextMark() == null ? ""
                    : " that opens at line " + (e.getContextMark().getLine() + 1) + ", column "
                    + (e.getContextMark().getColumn() + 1);
            return "unclosed quote; close the quote" + where;
        }
        String prefix = context.isEmpty() ? "" : context + ": ";
        return "YAML syntax error: " + prefix + problem.replace('\n', ' ') + "; fix the YAML syntax at this point";
    }

    private static void checkTree(Node node, Problems problems, Set<Node> seen) {
        if (!seen.add(node)) {
            return; // an alias: already checked where the anchor is
        }
        if (node instanceof ScalarNode scalar) {
            checkCharacters(scalar, problems);
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(child -> checkTree(child, problems, seen));
        } else if (node instanceof MappingNode map) {
            Map<String, Node> keys = new HashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                checkTree(tuple.getKeyNode(), problems, seen);
                if (tuple.getKeyNode() instanceof ScalarNode keyNode) {
                    Node first = keys.putIfAbsent(keyNode.getValue(), keyNode);
                    if (first != null) {
                        problems.at(keyNode, "duplicate key '" + keyNode.getValue() + "' (first at line "
                                + (first.getStartMark().getLine() + 1) + "); keep only one");
                    }
                }
                checkTree(tuple.getValueNode(), problems, seen);
            }
        }
    }

    private static void checkCharacters(ScalarNode scalar, Problems problems) {
        String value = scalar.getValue();
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            problems.at(scalar, "value contains a line break or NUL character, which would break the rendered "
                    + "files (a newline can inject a local.conf section); write it on one line");
        }
    }
}
