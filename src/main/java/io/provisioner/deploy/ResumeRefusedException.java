package io.provisioner.deploy;

/** {@code --resume} found no run of this spec to continue: bad input, said before any host is touched. */
public final class ResumeRefusedException extends RuntimeException {
    public ResumeRefusedException(String message) {
        super(message);
    }
}
