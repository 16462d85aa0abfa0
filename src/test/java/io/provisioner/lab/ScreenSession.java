package io.provisioner.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detached GNU screen session of a user, as DevStack's 2016 trees left one ({@code screen -dmS stack}).
 * {@code screen -dm} returns before the session's socket exists, so {@link #start} waits until {@code screen -ls}
 * lists it; {@link #close} quits it, kills what is left of it and removes the user's socket directory.
 */
public final class ScreenSession implements AutoCloseable {
    private static final Duration LISTED_WITHIN = Duration.ofSeconds(10);
    private final String user;
    private final String name;
    private final ProcessHandle screen;

    private ScreenSession(String user, String name, ProcessHandle screen) {
        this.user = user;
        this.name = name;
        this.screen = screen;
    }

    public static ScreenSession start(String user, String name, String... command) throws InterruptedException {
        ensureSocketDirectory();
        // screen refuses a socket directory left by an earlier user of this name with another uid
        removeSocketDirectory(user);
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", user, "--", "screen", "-dmS", name));
        argv.addAll(List.of(command));
        LabCommand.run(argv);
        long until = System.nanoTime() + LISTED_WITHIN.toNanos();
        while (true) {
            Optional<ProcessHandle> listed = listed(user, name);
            if (listed.isPresent()) {
                return new ScreenSession(user, name, listed.get());
            }
            if (System.nanoTime() > until) {
                quit(user, name);
                throw new IllegalStateException("screen -ls of " + user + " does not list a session " + name
                        + " " + LISTED_WITHIN.toSeconds() + " s after screen -dmS");
            }
            Thread.sleep(50);
        }
    }

    /**
     * /run/screen as Debian's screen-cleanup.conf makes it at boot ({@code d /run/screen 0777 root utmp}): a
     * non-root screen can neither create it nor use a 0755 one. A machine booted without systemd-tmpfiles
     * (a chroot, a container) has none until someone makes it.
     */
    public static void ensureSocketDirectory() {
        Path dir = Path.of("/run/screen");
        try {
            if (!Files.isDirectory(dir) || !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_WRITE)) {
                LabCommand.run("install", "-d", "-m", "0777", "-o", "root", "-g", "utmp", dir.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SCREEN process of {@code user}'s session {@code name} ({@code screen -ls}: "PID.name"), if listed. */
    private static Optional<ProcessHandle> listed(String user, String name) {
        Matcher m = Pattern.compile("(\\d+)\\." + Pattern.quote(name) + "\\s").matcher(
                LabCommand.tryRun(List.of("runuser", "-u", user, "--", "screen", "-ls")).output());
        return m.find() ? ProcessHandle.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static void quit(String user, String name) {
        LabCommand.tryRun(List.of("runuser", "-u", user, "--", "screen", "-S", name, "-X", "quit"));
    }

    private static void removeSocketDirectory(String user) {
        LabCommand.tryRun(List.of("rm", "-rf", "--", "/run/screen/S-" + user));
    }

    /** Quits the session, kills what is left of it and removes the user's socket directory. */
    @Override
    public void close() {
        quit(user, name);
        screen.descendants().forEach(ProcessHandle::destroyForcibly);
        screen.destroyForcibly();
        removeSocketDirectory(user);
    }
}
