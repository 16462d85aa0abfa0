package io.provisioner.deploy;

/** A step ended in a way the host cannot continue from; the message is the one-line reason. */
final class StepFailedException extends RuntimeException {
    StepFailedException(String message) {
        super(message, null, false, false);
    }
}
