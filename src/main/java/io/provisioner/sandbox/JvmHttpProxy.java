package io.provisioner.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small HTTP proxy in the JVM on loopback, for machines without tinyproxy: {@code CONNECT host:port}
 * tunnels, and absolute-form requests ({@code GET http://host:port/path}) are forwarded with
 * {@code Connection: close}. A target that does not answer gets {@code 502 Bad Gateway}.
 */
final class JvmHttpProxy implements HttpProxyStandIn {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ServerSocket server;
    private final List<Socket> open = new ArrayList<>();

    private JvmHttpProxy(ServerSocket server) {
        this.server = server;
    }

    static JvmHttpProxy start() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        JvmHttpProxy proxy = new JvmHttpProxy(server);
        Thread acceptor = new Thread(proxy::accept, "sandbox-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                track(client);
                Thread handler = new Thread(() -> handle(client), "sandbox-proxy-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private synchronized void track(Socket socket) {
        open.add(socket);
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] request = lines[0].split(" ");
            if (request.length != 3) {
                reply(out, "400 Bad Request");
                return;
            }
            if (request[0].equalsIgnoreCase("CONNECT")) {
                String target = request[1];
                int colon = target.lastIndexOf(':');
                try (Socket upstream = dial(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))) {
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    relay(client, upstream);
                } catch (IOException | RuntimeException e) {
                    reply(out, "502 Bad Gateway");
                }
                return;
            }
            URI uri = URI.create(request[1]);
            if (uri.getHost() == null) {
                reply(out, "400 Bad Request");
                return;
            }
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            StringBuilder forward = new StringBuilder(request[0]).append(' ').append(path)
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(' ').append(request[2]).append("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].toLowerCase(Locale.ROOT);
                if (!name.startsWith("proxy-") && !name.startsWith("connection:") && !lines[i].isEmpty()) {
                    forward.append(lines[i]).append("\r\n");
                }
            }
            forward.append("Connection: close\r\n\r\n");
            try (Socket upstream = dial(uri.getHost(), port)) {
                upstream.getOutputStream().write(forward.toString().getBytes(StandardCharsets.ISO_8859_1));
                upstream.getOutputStream().flush();
                relay(client, upstream);
            } catch (IOException e) {
                reply(out, "502 Bad Gateway");
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent nonsense: nothing to answer
        }
    }

    private static Socket dial(String host, int port) throws IOException {
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        return upstream;
    }

    /** Copies both ways until either side closes. */
    private static void relay(Socket client, Socket upstream) throws IOException {
        Thread back = new Thread(() -> {
            try {
                upstream.getInputStream().transferTo(client.getOutputStream());
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    client.shutdownOutput();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "sandbox-proxy-relay");
        back.setDaemon(true);
        back.start();
        try {
            client.getInputStream().transferTo(upstream.getOutputStream());
            upstream.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int octet = in.read();
            if (octet < 0 || head.size() > MAX_HEADER_BYTES) {
                throw new IOException("incomplete request head");
            }
            head.write(octet);
            matched = octet == end[matched] ? matched + 1 : (octet == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void reply(OutputStream out, String status) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public String kind() {
        return "in-JVM proxy";
    }

    @Override
    public synchronized void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        open.clear();
    }
}
