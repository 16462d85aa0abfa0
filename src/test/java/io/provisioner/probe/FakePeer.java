package io.provisioner.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK server socket on loopback that treats every accepted connection the same scripted way: canned
 * bytes, silence, a trickle, a reset. Real sockets, real kernel; only the server's behaviour is scripted.
 */
final class FakePeer implements AutoCloseable {

    interface Behaviour {
        void serve(Socket s) throws Exception;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread thread;

    FakePeer(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.add(s);
                    Thread t = new Thread(() -> {
                        try {
                            behaviour.serve(s);
                        } catch (Exception ignored) {
                            // the probe hung up: fine
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-peer");
        thread.setDaemon(true);
        thread.start();
    }

    static FakePeer sending(byte[] bytes, boolean thenClose) throws IOException {
        return new FakePeer(s -> {
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            if (thenClose) {
                s.close();
            } else {
                Thread.sleep(60_000);
            }
        });
    }

    static FakePeer silent() throws IOException {
        return new FakePeer(s -> Thread.sleep(60_000));
    }

    ProbeTarget target(String scheme) {
        return ProbeTarget.parse(scheme + "://127.0.0.1:" + port());
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
