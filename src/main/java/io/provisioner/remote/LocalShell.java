package io.provisioner.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new RemoteException(RemoteFailure.IO, host, host + ": cannot start " + argv.get(0) + ": " + e.getMessage());
        }
        OutputCapture stdout = new OutputCapture(listener::stdout);
        OutputCapture stderr = new OutputCapture(listener::stderr);
        Future<?> o = Pumps.drain(stdout, p.getInputStream());
        Future<?> e = Pumps.drain(stderr, p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (command.stdin() != null) {
                in.write(command.stdin());
            }
        } catch (IOException ignored) {
            // the command did not read its input
        }
        try {
            Duration t = command.timeout();
            boolean done = t == null ? waitFor(p, Long.MAX_VALUE) : waitFor(p, t.toMillis());
            if (!done) {
                killTree(p.toHandle());
                throw new RemoteException(RemoteFailure.TIMEOUT, host,
                        host + ": '" + argv.get(0) + "' ran over its timeout of " + t + " and was stopped");
            }
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Pumps.await(o, drainDeadline);
            Pumps.await(e, drainDeadline);
        } catch (RemoteException ex) {
            throw ex;
        } catch (IOException ex) {
            throw new RemoteException(RemoteFailure.IO, host, host + ": reading output failed: " + ex.getMessage());
        }
        CommandResult result = new CommandResult(p.exitValue(), stdout.text(), stderr.text(),
                Duration.ofNanos(System.nanoTime() - start));
        SudoRefusal.check(host, System.getProperty("user.name"), command, result);
        return result;
    }

    private static boolean waitFor(Process p, long millis) throws RemoteException {
        try {
            return p.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(p.toHandle());
            throw new RemoteException(RemoteFailure.IO, "local", "interrupted");
        }
    }

    /** Stops the process and every descendant; stragglers get SIGKILL after 2 s. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(0, root);
        all.forEach(ProcessHandle::destroy);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < until && all.stream().anyMatch(ProcessHandle::isAlive)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        all.forEach(ProcessHandle::destroyForcibly);
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
        try (RandomAccessFile f = new RandomAccessFile(remotePath, "r")) {
            if (offset >= f.length()) {
                return new byte[0];
            }
            f.seek(offset);
            byte[] buf = new byte[(int) Math.min(maxBytes, f.length() - offset)];
            f.readFully(buf);
            return buf;
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new RemoteException(RemoteFailure.NOT_FOUND, host, host + ": no such file " + remotePath);
        } catch (IOException e) {
            throw new RemoteException(RemoteFailure.IO, host, host + ": cannot read " + remotePath + ": " + e.getMessage());
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(order[i]);
            }
        }
        return s;
    }

    @Override
    public void close() {
    }
}
