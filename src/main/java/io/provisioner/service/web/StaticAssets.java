package io.provisioner.service.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /assets/NAME}: the scripts, styles and icons in the jar's {@code web/assets/}, with an ETag so a
 * browser revalidates cheaply. Public (the sign-in page uses them); nothing in them is secret.
 */
final class StaticAssets implements HttpHandler {
    static final String PREFIX = "/assets/";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "html", "text/html; charset=utf-8", "json", "application/json",
            "png", "image/png", "ico", "image/x-icon");

    private final WebResources resources;

    StaticAssets(WebResources resources) {
        this.resources = resources;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HttpReply.methodNotAllowed(exchange, "GET, HEAD");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        Optional<byte[]> body = resources.read("assets/" + name);
        if (name.isEmpty() || body.isEmpty()) {
            HttpReply.text(exchange, 404, "no such asset: " + name);
            return;
        }
        String etag = "\"" + digest(body.get()) + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            HttpReply.send(exchange, 304, null, new byte[0]);
            return;
        }
        HttpReply.send(exchange, 200, contentType(name), body.get());
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
