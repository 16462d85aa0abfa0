package io.provisioner.diagnose;

/** Where stack.sh failed: the last PS4 frame before the error (file, function, line). */
public record FailedStep(String file, String function, int line) {
    @Override
    public String toString() {
        return file + ":" + function + ":" + line;
    }
}
