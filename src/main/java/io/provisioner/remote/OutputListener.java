package io.provisioner.remote;

/** Receives a command's output line by line as it arrives (without the line terminator). */
public interface OutputListener {
    OutputListener NONE = new OutputListener() {
    };

    default void stdout(String line) {
    }

    default void stderr(String line) {
    }
}
