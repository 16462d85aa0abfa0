package io.provisioner.service.run;

/** Thrown into the deploy at its next event once a cancel was asked for. */
final class RunCancelledException extends RuntimeException {
    RunCancelledException() {
        super("cancelled", null, false, false);
    }
}
