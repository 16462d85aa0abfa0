package io.provisioner.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's own HTTPS server on 127.0.0.1 with the {@link TestCa}'s server certificate: {@code /} answers 200
 * "ok", {@code /identity/v3/} answers Keystone's version document as DevStack serves it.
 */
public final class TestHttpsServer implements AutoCloseable {
    static final String KEYSTONE_V3 = "{\"version\": {\"id\": \"v3.14\", \"status\": \"stable\", "
            + "\"updated\": \"2020-04-07T00:00:00Z\", \"links\": [{\"rel\": \"self\", "
            + "\"href\": \"https://localhost/identity/v3/\"}], \"media-types\": [{\"base\": \"application/json\", "
            + "\"type\": \"application/vnd.openstack.identity-v3+json\"}]}}";

    private final HttpsServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-https");
        t.setDaemon(true);
        return t;
    });

    private TestHttpsServer(HttpsServer server) {
        this.server = server;
    }

    public static TestHttpsServer start(TestCa ca) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ca.serverKeys(), ca.password());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx));
        s.createContext("/", ex -> answer(ex, 200, "text/plain", "ok"));
        s.createContext("/identity/v3/", ex -> answer(ex, 200, "application/json", KEYSTONE_V3));
        TestHttpsServer t = new TestHttpsServer(s);
        s.setExecutor(t.threads);
        s.start();
        return t;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
