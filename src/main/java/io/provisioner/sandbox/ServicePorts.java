package io.provisioner.sandbox;

import io.provisioner.probe.MysqlPacket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sandbox host's non-HTTP service ports on its HOST_IP, answering the first bytes the real servers send
 * while the service is active (run/sim/services/NAME): MySQL's HandshakeV10 greeting (then "access
 * denied" for any login), RabbitMQ's AMQP Connection.Start, and plain listeners for etcd, OVN and the
 * Nova metadata/noVNC proxies. An inactive service's connection is closed at once.
 */
final class ServicePorts implements AutoCloseable {
    private final Path services;
    private final String hostIp;
    private final List<ServerSocket> sockets = new ArrayList<>();

    ServicePorts(Path root, String hostIp) {
        this.services = root.resolve("run/sim/services");
        this.hostIp = hostIp;
    }

    void start(String era) throws IOException {
        listen(3306, this::mysql, "mysql", "mariadb");
        listen(5672, this::amqp, "rabbitmq-server", "rabbit");
        listen(8775, ServicePorts::silent, "n-api-meta");
        listen(6080, ServicePorts::novnc, "n-novnc", "n-novnc-cell1");
        if (!"2016".equals(era)) {
            listen(2379, ServicePorts::silent, "etcd3", "etcd");
            listen(6641, ServicePorts::silent, "ovn-northd");
            listen(6642, ServicePorts::silent, "ovn-northd");
        } else {
            listen(9191, ServicePorts::silent, "g-reg");
        }
    }

    @FunctionalInterface
    private interface Conversation {
        void talk(Socket socket) throws IOException;
    }

    private void listen(int port, Conversation conversation, String... names) throws IOException {
        ServerSocket server = new ServerSocket(port, 16, InetAddress.getByName(hostIp));
        sockets.add(server);
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(5000);
                    if (active(names)) {
                        conversation.talk(socket);
                    }
                } catch (IOException e) {
                    // a probe that hung up, or the server closing: next connection
                }
            }
        }, "sandbox-port-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private boolean active(String... names) {
        for (String name : names) {
            if (Files.exists(services.resolve(name))) {
                return true;
            }
        }
        return false;
    }

    private static void silent(Socket socket) throws IOException {
        socket.getInputStream().read();
    }

    private static void novnc(Socket socket) throws IOException {
        socket.getInputStream().read(new byte[4096]);
        byte[] body = "<html><title>noVNC</title></html>".getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** HandshakeV10 as MariaDB 10.11 sends it; any login then gets ERROR 1045. */
    private void mysql(Socket socket) throws IOException {
        ByteBuffer greeting = ByteBuffer.allocate(128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        greeting.put((byte) 10).put("5.5.5-10.11.6-MariaDB-sandbox".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        greeting.putInt(42).put("abcdefgh".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        greeting.putShort((short) 0xf7fe).put((byte) 45).putShort((short) 2).putShort((short) 0x81bf).put((byte) 21);
        greeting.put(new byte[10]).put("ijklmnopqrst".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        greeting.put("mysql_native_password".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        OutputStream out = socket.getOutputStream();
        out.write(MysqlPacket.frame(0, java.util.Arrays.copyOf(greeting.array(), greeting.position())));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            return;
        }
        in.readNBytes((header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16);
        byte[] msg = ("#28000Access denied for user 'provisioner-probe'@'" + socket.getInetAddress().getHostAddress()
                + "' (using password: NO)").getBytes(StandardCharsets.UTF_8);
        ByteBuffer err = ByteBuffer.allocate(3 + msg.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        err.put((byte) 0xff).putShort((short) 1045).put(msg);
        out.write(MysqlPacket.frame((header[3] & 0xff) + 1, err.array()));
        out.flush();
    }

    /** After the protocol header: Connection.Start with RabbitMQ's product and version. */
    private void amqp(Socket socket) throws IOException {
        socket.getInputStream().readNBytes(8);
        ByteBuffer props = ByteBuffer.allocate(256);
        for (String[] kv : new String[][] {{"product", "RabbitMQ"}, {"version", "3.10.8"}}) {
            props.put((byte) kv[0].length()).put(kv[0].getBytes(StandardCharsets.US_ASCII)).put((byte) 'S');
            props.putInt(kv[1].length()).put(kv[1].getBytes(StandardCharsets.US_ASCII));
        }
        byte[] table = java.util.Arrays.copyOf(props.array(), props.position());
        byte[] mech = "PLAIN AMQPLAIN".getBytes(StandardCharsets.US_ASCII);
        byte[] locales = "en_US".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(4 + 2 + 4 + table.length + 4 + mech.length + 4 + locales.length);
        body.putShort((short) 10).putShort((short) 10).put((byte) 0).put((byte) 9);
        body.putInt(table.length).put(table).putInt(mech.length).put(mech).putInt(locales.length).put(locales);
        ByteBuffer frame = ByteBuffer.allocate(7 + body.capacity() + 1);
        frame.put((byte) 1).putShort((short) 0).putInt(body.capacity()).put(body.array()).put((byte) 0xce);
        socket.getOutputStream().write(frame.array());
        socket.getOutputStream().flush();
        socket.getInputStream().read();
    }

    @Override
    public void close() {
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a listener cannot lose anything
            }
        }
        sockets.clear();
    }
}
