package io.provisioner.spec;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects problems while a spec is read, so the user sees all of them at once. Duplicates collapse. */
final class Problems {
    private final String file;
    private final Set<SpecProblem> found = new LinkedHashSet<>();
    private Node defaults;

    Problems(String file) {
        this.file = file;
    }

    void at(Node node, String message) {
        at(node.getStartMark(), inDefaults(node) ? asDefaults(message) : message);
    }

    /**
     * The {@code defaults:} mapping. Defaults are merged into every host before the host is read, so a problem
     * in them is found once per host, worded as the host's: it is reported once, named as what it is.
     */
    void defaults(Node node) {
        this.defaults = node;
    }

    private boolean inDefaults(Node node) {
        if (defaults == null || node.getStartMark() == null || defaults.getStartMark() == null
                || defaults.getEndMark() == null) {
            return false;
        }
        int at = node.getStartMark().getIndex();
        return at >= defaults.getStartMark().getIndex() && at < defaults.getEndMark().getIndex();
    }

    private static String asDefaults(String message) {
        return message.replaceFirst("^host\\.", "defaults.").replace(" in host.", " in defaults.")
                .replace(" in host;", " in defaults;").replace(" in spec.defaults", " in defaults");
    }

    void at(Mark mark, String message) {
        if (mark == null) {
            add(1, 1, message);
        } else {
            add(mark.getLine() + 1, mark.getColumn() + 1, message);
        }
    }

    void add(int line, int column, String message) {
        found.add(new SpecProblem(file, line, column, message));
    }

    int count() {
        return found.size();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<SpecProblem> sorted() {
        List<SpecProblem> out = new ArrayList<>(found);
        out.sort(Comparator.comparingInt(SpecProblem::line).thenComparingInt(SpecProblem::column));
        return out;
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new SpecException(sorted());
        }
    }
}
