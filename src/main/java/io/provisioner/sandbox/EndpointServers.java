package io.provisioner.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sandbox host's OpenStack endpoints on its HOST_IP: what Apache (current era, paths on port 80) or
 * the services themselves (2016, one port each) answer. An endpoint answers its version document while
 * its service is active on the host (run/sim/services/NAME, kept by the systemctl and screen stand-ins),
 * otherwise 503 as Apache's proxy does for a dead backend.
 */
final class EndpointServers implements AutoCloseable {
    /** path prefix -> service names (either active counts) */
    private static final Map<String, List<String>> CURRENT = Map.of(
            "/identity", List.of("keystone"), "/image", List.of("g-api"), "/compute", List.of("n-api"),
            "/volume", List.of("c-api"), "/networking", List.of("neutron-api", "q-svc"),
            "/placement", List.of("placement-api"), "/dashboard", List.of());

    private final List<HttpServer> servers = new ArrayList<>();
    private final Path services;
    private final String hostIp;
    private String apachePort;

    EndpointServers(Path root, String hostIp) {
        this.services = root.resolve("run/sim/services");
        this.hostIp = hostIp;
    }

    /** The port Apache's paths are served on when it is not 80 (no root), else null. */
    String apachePort() {
        return apachePort;
    }

    /** Starts the endpoints; throws BindException when the address is taken, so the caller picks another. */
    void start(String era) throws IOException {
        if ("2016".equals(era)) {
            serve(5000, "/", List.of("key", "keystone"), "keystone");
            serve(35357, "/", List.of("key", "keystone"), "keystone");
            serve(9292, "/", List.of("g-api"), "glance");
            serve(8774, "/", List.of("n-api"), "nova");
            serve(8776, "/", List.of("c-api"), "cinder");
            serve(9696, "/", List.of("q-svc"), "neutron");
            HttpServer apache = bind(80, true);
            apache.createContext("/dashboard", exchange -> reply(exchange, 200, "text/html",
                    "<html><title>Login - OpenStack Dashboard</title></html>"));
            apache.start();
        } else {
            HttpServer apache = bind(80, true);
            CURRENT.forEach((prefix, names) -> apache.createContext(prefix,
                    exchange -> answer(exchange, prefix, names, prefix.substring(1))));
            apache.start();
        }
    }

    private void serve(int port, String prefix, List<String> names, String kind) throws IOException {
        HttpServer server = bind(port, false);
        server.createContext(prefix, exchange -> answer(exchange, "", names, kind));
        server.start();
    }

    private HttpServer bind(int port, boolean fallback) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(hostIp, port), 16);
        } catch (BindException e) {
            // port 80 needs root; elsewhere a taken port means the address is in use: let the caller move
            if (!fallback || port != 80 || !e.getMessage().contains("ermission")) {
                throw e;
            }
            server = HttpServer.create(new InetSocketAddress(hostIp, 0), 16);
            apachePort = String.valueOf(server.getAddress().getPort());
        }
        servers.add(server);
        return server;
    }

    private void answer(HttpExchange exchange, String prefix, List<String> names, String kind) throws IOException {
        boolean dashboard = kind.equals("dashboard");
        boolean active = dashboard || names.stream().anyMatch(name -> Files.exists(services.resolve(name)));
        if (!active) {
            reply(exchange, 503, "text/html", "<html><head><title>503 Service Unavailable</title></head><body>"
                    + "<h1>Service Unavailable</h1><p>The server is temporarily unable to service your request "
                    + "due to maintenance downtime or capacity problems.</p></body></html>");
            return;
        }
        if (dashboard) {
            reply(exchange, 200, "text/html", "<html><title>Login - OpenStack Dashboard</title></html>");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String rest = path.substring(Math.min(prefix.length(), path.length()));
        String base = "http://" + exchange.getRequestHeaders().getFirst("Host") + prefix;
        if (kind.equals("identity") || kind.equals("keystone")) {
            if (rest.startsWith("/v3")) {
                reply(exchange, 200, "application/json", "{\"version\": {\"id\": \"v3.14\", \"status\": \"stable\", "
                        + "\"updated\": \"2020-04-07T00:00:00Z\", \"links\": [{\"rel\": \"self\", \"href\": \""
                        + base + "/v3/\"}], \"media-types\": [{\"base\": \"application/json\", "
                        + "\"type\": \"application/vnd.openstack.identity-v3+json\"}]}}");
            } else if (rest.startsWith("/v2.0")) {
                reply(exchange, 200, "application/json", "{\"version\": {\"id\": \"v2.0\", \"status\": \"stable\", "
                        + "\"links\": [{\"rel\": \"self\", \"href\": \"" + base + "/v2.0/\"}]}}");
            } else {
                reply(exchange, 300, "application/json", "{\"versions\": {\"values\": [{\"id\": \"v3.14\", "
                        + "\"status\": \"stable\", \"links\": [{\"rel\": \"self\", \"href\": \"" + base
                        + "/v3/\"}]}]}}");
            }
            return;
        }
        reply(exchange, 200, "application/json", "{\"versions\": [{\"id\": \"v1\", \"status\": \"CURRENT\", "
                + "\"links\": [{\"rel\": \"self\", \"href\": \"" + base + "/\"}]}]}");
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        for (HttpServer server : servers) {
            server.stop(0);
        }
        servers.clear();
    }
}
