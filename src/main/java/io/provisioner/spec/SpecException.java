package io.provisioner.spec;

import java.util.List;

/** The spec is not usable; carries every problem found, in file order. Never a stack trace for the user. */
public final class SpecException extends RuntimeException {
    private final List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(problems.isEmpty() ? "invalid spec" : problems.get(0).toString(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
