package io.provisioner.sandbox;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Test helper: commands on a sandbox host over real SSH (JSch), with strict host-key checking. */
final class LabShell implements AutoCloseable {
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final Session session;

    LabShell(SandboxLab lab, SandboxHost host) throws JSchException {
        JSch jsch = new JSch();
        jsch.addIdentity(lab.identityFile().toString());
        jsch.setKnownHosts(lab.knownHostsFile().toString());
        session = jsch.getSession(host.user(), host.address(), host.port());
        session.setConfig("StrictHostKeyChecking", "yes");
        session.connect(15_000);
    }

    Result run(String command) throws JSchException, IOException, InterruptedException {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        channel.setCommand(command);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        channel.setOutputStream(out);
        channel.setErrStream(err);
        channel.setInputStream(null);
        channel.connect(15_000);
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!channel.isClosed() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        int exit = channel.getExitStatus();
        channel.disconnect();
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        session.disconnect();
    }
}
