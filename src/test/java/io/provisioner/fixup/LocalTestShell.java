package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.LocalCommand;
import io.provisioner.remote.LocalResult;
import io.provisioner.remote.OutputListener;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;
import io.provisioner.remote.RemoteShell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only RemoteShell that runs commands on this machine: {@code bash -c} the exact command line a
 * remote shell would get (so quoting is exercised), stdin fed, {@code sudo -n} honoured because tests run
 * as root. Records every command line so tests can assert no secret reached one.
 */
public final class LocalTestShell implements RemoteShell {
    private final List<String> commandLines = new ArrayList<>();
    /** What each command line is handed to: {@code bash -c LINE}, or a namespace that then runs it so. */
    private final List<String> launcher;
    private final Path workingDirectory;

    public LocalTestShell() {
        this(List.of("bash", "-c"), null);
    }

    private LocalTestShell(List<String> launcher, Path workingDirectory) {
        this.launcher = launcher;
        this.workingDirectory = workingDirectory;
    }

    /** This shell, its commands started in {@code dir} (as an SSH session starts in the login's home). */
    public LocalTestShell from(Path dir) {
        return new LocalTestShell(launcher, dir);
    }

    /**
     * A host named {@code hostname}: each command runs in a UTS namespace of that name. With a name missing from
     * /etc/hosts, as on many cloud images, every sudo warns "unable to resolve host" on stderr, as it does there.
     */
    public static LocalTestShell named(String hostname) {
        return new LocalTestShell(List.of("unshare", "--uts", "--", "bash", "-c",
                "hostname \"$0\" && exec bash -c \"$1\"", hostname), null);
    }

    /**
     * A host whose /run is {@code dir}: each command runs in a mount namespace with {@code dir} bound over /run,
     * so a test sees what the command left in /run (a host booted without systemd-tmpfiles starts with an empty one).
     */
    public static LocalTestShell withRun(Path dir) {
        return new LocalTestShell(List.of("unshare", "--mount", "--propagation", "private", "--", "bash", "-c",
                "mount --bind \"$0\" /run && exec bash -c \"$1\"", dir.toString()), null);
    }

    @Override
    public String host() {
        return "local";
    }

    public synchronized List<String> commandLines() {
        return List.copyOf(commandLines);
    }

    @Override
    public CommandResult run(RemoteCommand command, OutputListener listener) throws RemoteException {
        String line = command.commandLine();
        synchronized (this) {
            commandLines.add(line);
        }
        List<String> argv = new ArrayList<>(launcher);
        argv.add(line);
        LocalResult result;
        try {
            result = new LocalCommand(argv, workingDirectory, java.util.Map.of(), command.stdin(), command.timeout(), false)
                    .run(listener);
        } catch (java.io.InterruptedIOException e) {
            throw new RemoteException(RemoteFailure.DISCONNECTED, host(), "interrupted", e);
        } catch (IOException e) {
            throw new RemoteException(RemoteFailure.IO, host(), e.getMessage(), e);
        }
        if (result.timedOut()) {
            throw new RemoteException(RemoteFailure.TIMEOUT, host(), "timed out after " + command.timeout() + ": " + line);
        }
        return result.toCommandResult();
    }

    @Override
    public void upload(String remotePath, byte[] content, int mode) throws RemoteException {
        try {
            Path target = Path.of(remotePath);
            Path tmp = target.resolveSibling(target.getFileName() + ".upload-tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms(mode))));
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RemoteException(RemoteFailure.IO, host(), "upload " + remotePath + ": " + e.getMessage(), e);
        }
    }

    private static String perms(int mode) {
        String rwx = "rwxrwxrwx";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return sb.toString();
    }

    @Override
    public byte[] read(String remotePath, long offset, int maxBytes) throws RemoteException {
        try (var ch = Files.newByteChannel(Path.of(remotePath))) {
            ch.position(offset);
            var buf = java.nio.ByteBuffer.allocate(maxBytes);
            int n = ch.read(buf);
            byte[] out = new byte[Math.max(0, n)];
            buf.flip();
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new RemoteException(RemoteFailure.IO, host(), "read " + remotePath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
    }
}
