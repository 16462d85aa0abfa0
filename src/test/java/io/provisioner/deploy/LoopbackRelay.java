package io.provisioner.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Forwards TCP from a loopback address of its own to a sandbox host's SSH port: the sandbox's servers all
 * listen on 127.0.0.1, while a spec refuses two hosts on one address (two DevStacks cannot share a
 * machine). Bytes pass unchanged, so host keys and authentication are the sandbox server's.
 */
final class LoopbackRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;

    LoopbackRelay(String address, int targetPort) throws IOException {
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        this.targetPort = targetPort;
        Thread accept = new Thread(this::acceptLoop, "relay " + address);
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket("127.0.0.1", targetPort);
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                // closed, or the target went away: the client sees the connection drop
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                i.transferTo(o);
            } catch (IOException ignored) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "relay pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
