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

    Problems(String file) {
        this.file = file;
    }

    void at(Node node, String message) {
        at(node.getStartMark(), message);
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
