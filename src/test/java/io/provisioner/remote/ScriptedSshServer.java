package io.provisioner.remote;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded Apache MINA SSH server that misbehaves on purpose, for faults a real sshd will not
 * produce on demand (a mock only because OpenSSH cannot be told to do these). The command line decides:
 * {@code hang} never ends; {@code drop} sends output then kills the connection; {@code noexit} closes the
 * channel without an exit status; anything else prints "ok" and exits 0.
 */
final class ScriptedSshServer implements AutoCloseable {
    private final SshServer server;
    private final Path clientKey;

    ScriptedSshServer(Path dir) throws Exception {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser")));
        server.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
        server.setCommandFactory((channel, command) -> new Scripted(command));
        server.start();
        clientKey = dir.resolve("client_key");
        KeyPair kp = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        kp.writePrivateKey(clientKey.toString());
        kp.dispose();
        Files.setPosixFilePermissions(clientKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    /** INSECURE host keys: this is a throwaway test double with a generated key. */
    SshTarget target() {
        return new SshTarget("scripted", "127.0.0.1", server.getPort(), "tester", clientKey.toString(), null,
                clientKey.resolveSibling("known_hosts").toString(), HostKeyCheck.INSECURE, null, null, null);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static final class Scripted implements Command {
        private final String command;
        private OutputStream out;
        private ExitCallback exit;

        Scripted(String command) {
            this.command = command;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void setInputStream(InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            if (command.contains("hang")) {
                return;
            }
            if (command.contains("drop")) {
                out.write("x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8));
                out.flush();
                channel.getSession().close(true);
                return;
            }
            if (command.contains("noexit")) {
                out.write("partial\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                channel.close(false);
                return;
            }
            out.write("ok\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            exit.onExit(0);
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
