package io.provisioner.spec;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges {@code defaults} into a host: mappings merge key by key (so a host can override one localrc
 * variable or one password), everything else (text, numbers, lists) is replaced by the host's value.
 * Works on nodes so every value keeps the line and column it was written at.
 */
final class NodeMerger {
    private NodeMerger() {
    }

    static MappingNode merge(MappingNode defaults, MappingNode host) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple tuple : defaults.getValue()) {
            out.put(key(tuple), tuple);
        }
        for (NodeTuple tuple : host.getValue()) {
            NodeTuple base = out.get(key(tuple));
            if (base != null && base.getValueNode() instanceof MappingNode baseMap
                    && tuple.getValueNode() instanceof MappingNode hostMap) {
                out.put(key(tuple), new NodeTuple(tuple.getKeyNode(), merge(baseMap, hostMap)));
            } else {
                out.put(key(tuple), tuple);
            }
        }
        return new MappingNode(host.getTag(), true, new ArrayList<>(out.values()), host.getStartMark(), host.getEndMark(),
                host.getFlowStyle());
    }

    private static String key(NodeTuple tuple) {
        // non-text keys are reported by MappingReader; keep them apart from each other here
        return tuple.getKeyNode() instanceof ScalarNode scalarKey ? scalarKey.getValue()
                : "\0" + System.identityHashCode(tuple);
    }
}
