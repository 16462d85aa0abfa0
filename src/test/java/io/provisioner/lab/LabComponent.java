package io.provisioner.lab;

/**
 * A real component a test starts (a daemon, a network namespace, a lab of sshd hosts): started by its own
 * factory, stopped by {@link #close()} with everything it started, also when it never came up completely.
 * {@link ClassLab} runs any of them once per test class.
 */
public interface LabComponent extends AutoCloseable {
    /** Stops the component and removes what it made; never throws. */
    @Override
    void close();
}
