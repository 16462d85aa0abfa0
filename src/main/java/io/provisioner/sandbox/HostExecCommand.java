package io.provisioner.sandbox;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An exec channel on a sandbox host: {@code bash -c COMMAND} in the host's environment, with the
 * channel's stdin, stdout and stderr wired to the process and its exit status reported back. The host's own
 * {@code /etc/os-release} stands for the machine's in the command's text (the host root has its own).
 */
final class HostExecCommand implements Command {
    private final String command;
    private final Map<String, String> environment;
    private final Path home;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    /** Files a command reads by absolute path of which the host root has its own (the distribution it is). */
    private static final java.util.regex.Pattern HOST_FILES =
            java.util.regex.Pattern.compile("(?<![\\w./-])/etc/os-release\\b");

    HostExecCommand(String command, Map<String, String> environment, Path home) {
        String root = environment.get("SIM_ROOT");
        this.command = root == null ? command
                : HOST_FILES.matcher(command).replaceAll(java.util.regex.Matcher.quoteReplacement(root) + "$0");
        this.environment = environment;
        this.home = home;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", "-c", command)).directory(home.toFile());
        builder.environment().clear();
        // a client may pass its locale, as OpenSSH's default AcceptEnv allows
        env.getEnv().forEach((key, value) -> {
            if (key.equals("LANG") || key.startsWith("LC_")) {
                builder.environment().put(key, value);
            }
        });
        builder.environment().putAll(environment);
        process = builder.start();
        Thread stdout = pump(process.getInputStream(), out, "stdout");
        Thread stderr = pump(process.getErrorStream(), err, "stderr");
        Thread stdin = new Thread(() -> feed(process), "sandbox-exec-stdin");
        stdin.setDaemon(true);
        stdin.start();
        Thread waiter = new Thread(() -> {
            int status;
            try {
                status = process.waitFor();
                stdout.join();
                stderr.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 255;
            }
            exit.onExit(status);
        }, "sandbox-exec-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void feed(Process child) {
        try (OutputStream target = child.getOutputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                target.write(buffer, 0, read);
                target.flush();
            }
        } catch (IOException e) {
            // the process closed its stdin or the channel went away: nothing more to feed
        }
    }

    private static Thread pump(InputStream from, OutputStream to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            int read;
            try {
                while ((read = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, read);
                    to.flush();
                }
            } catch (IOException e) {
                // the channel closed; the process keeps running until it ends or is destroyed
            }
        }, "sandbox-exec-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.descendants().forEach(ProcessHandle::destroy);
            current.destroy();
        }
    }
}
