package io.provisioner.remote;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link RemoteShell} for {@code address: local}: commands are processes of this machine. On timeout the
 * whole tree goes (descendants first, collected before the parent dies and they get re-parented).
 */
public final class LocalShell implements RemoteShell {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final String host;

    public LocalShell(String host) {
        this.host = host;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public CommandResult run(RemoteCommand command, OutputListener listener) throws RemoteException {
        List<String> argv = new ArrayList<>();
        if (command.sudo() && !ROOT) {
            argv.addAll(List.of("sudo", "-n", "--"));
        }
        argv.addAll(command.argv());
        LocalResult run;
        try {
            run = new LocalCommand(argv, null, Map.of(), command.stdin(), command.timeout(), false).run(listener);
        } catch (java.io.InterruptedIOException e) {
            throw new RemoteException(RemoteFailure.IO, "local", "interrupted");
        } catch (IOException e) {
            throw new RemoteException(RemoteFailure.IO, host, host + ": cannot run " + argv.get(0) + ": " + e.getMessage());
        }
        if (run.timedOut()) {
            throw new RemoteException(RemoteFailure.TIMEOUT, host,
                    host + ": '" + argv.get(0) + "' ran over its timeout of " + command.timeout() + " and was stopped");
        }
        CommandResult result = run.toCommandResult();
        SudoRefusal.check(host, System.getProperty("user.name"), command, result);
        return result;
    }

    @Override
    public void upload(String remotePath, byte[] content, int mode) throws RemoteException {
        Path target = Path.of(remotePath).toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, permissions(mode));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RemoteException(RemoteFailure.IO, host, host + ": cannot write " + remotePath + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    @Override
    public byte[] read(String remotePath, long offset, int maxBytes) throws RemoteException {
        try (RandomAccessFile file = new RandomAccessFile(remotePath, "r")) {
            if (offset >= file.length()) {
                return new byte[0];
            }
            file.seek(offset);
            byte[] buf = new byte[(int) Math.min(maxBytes, file.length() - offset)];
            file.readFully(buf);
            return buf;
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new RemoteException(RemoteFailure.NOT_FOUND, host, host + ": no such file " + remotePath);
        } catch (IOException e) {
            throw new RemoteException(RemoteFailure.IO, host, host + ": cannot read " + remotePath + ": " + e.getMessage());
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(order[i]);
            }
        }
        return permissions;
    }

    @Override
    public void close() {
    }
}
