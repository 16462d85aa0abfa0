package io.provisioner.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders names so each comes after the names it depends on, otherwise keeping the given order (what the
 * user wrote). Used for localrc variables ($VAR references) and plugins ({@code requires}). Dependencies
 * on names outside the map are ignored (DevStack's own variables); a name depending on itself is allowed
 * ({@code PATH=$PATH:/x}).
 */
public final class DependencyOrder {
    private DependencyOrder() {
    }

    /** A dependency cycle; {@link #names()} lists the names on it, in order. */
    public static final class CycleException extends RuntimeException {
        private final List<String> names;

        CycleException(List<String> names) {
            super("cycle: " + String.join(" -> ", names), null, false, false);
            this.names = List.copyOf(names);
        }

        public List<String> names() {
            return names;
        }
    }

    public static List<String> order(Map<String, ? extends Collection<String>> dependencies) {
        List<String> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : dependencies.keySet()) {
            visit(name, dependencies, done, new LinkedHashSet<>(), out);
        }
        return out;
    }

    private static void visit(String name, Map<String, ? extends Collection<String>> deps, Set<String> done,
                              LinkedHashSet<String> path, List<String> out) {
        if (done.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            List<String> cycle = new ArrayList<>();
            boolean on = false;
            for (String step : path) {
                on |= step.equals(name);
                if (on) {
                    cycle.add(step);
                }
            }
            cycle.add(name);
            throw new CycleException(cycle);
        }
        for (String dependency : deps.get(name)) {
            if (!dependency.equals(name) && deps.containsKey(dependency)) {
                visit(dependency, deps, done, path, out);
            }
        }
        path.remove(name);
        done.add(name);
        out.add(name);
    }
}
