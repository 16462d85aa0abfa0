package io.provisioner.remote;

/**
 * Runs commands and moves files on one target. One instance holds one connection, reused for all of
 * the host's commands; implementations are safe for parallel commands. No transport type (JSch, MINA,
 * Process) appears in this interface.
 */
public interface RemoteShell extends AutoCloseable {

    /** The host's name as the spec calls it (for messages). */
    String host();

    /** Runs a command, streaming its output lines to the listener; the result also holds all output. */
    CommandResult run(RemoteCommand command, OutputListener listener) throws RemoteException;

    default CommandResult run(RemoteCommand command) throws RemoteException {
        return run(command, OutputListener.NONE);
    }

    /** Writes a file atomically (temp file, then rename) with the given mode, e.g. 0600 for secrets. */
    void upload(String remotePath, byte[] content, int mode) throws RemoteException;

    /** Reads up to {@code maxBytes} from {@code offset}; an empty chunk at the end; a missing file is an error. */
    byte[] read(String remotePath, long offset, int maxBytes) throws RemoteException;

    @Override
    void close();
}
