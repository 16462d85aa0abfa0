package io.provisioner.spec;

/**
 * One thing wrong with a spec, pointed at by 1-based line and column. {@link #toString()} is the form
 * every command prints: {@code FILE:LINE:COL: what is wrong; how to fix}.
 */
public record SpecProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
