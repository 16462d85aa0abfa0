package io.provisioner.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.provisioner.service.auth.Principal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One API request being answered: its path parameters, query, bounded body, principal, and the answer. */
public final class HttpCall {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A body declared this far over its limit is still read away before the 413; a bigger one is cut off. */
    static final long DRAIN_LIMIT = 32L << 20;
    private final HttpExchange exchange;
    private final List<String> pathParams;
    private final Principal principal;
    private int status;

    HttpCall(HttpExchange exchange, List<String> pathParams, Principal principal) {
        this.exchange = exchange;
        this.pathParams = pathParams;
        this.principal = principal;
    }

    public HttpExchange exchange() {
        return exchange;
    }

    public Principal principal() {
        return principal;
    }

    public String pathParam(int index) {
        return pathParams.get(index);
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Query parameters, decoded; the last value of a repeated name wins. */
    public Map<String, String> query() {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    /** The body, refused with 413 past {@code limit} bytes (by Content-Length or while reading). */
    public byte[] body(int limit) {
        String length = header("Content-Length");
        if (length != null) {
            try {
                long declared = Long.parseLong(length.strip());
                if (declared > limit) {
                    if (declared <= limit + DRAIN_LIMIT) {
                        // read it away so the client, still sending, gets the answer instead of a reset
                        discardBody();
                    }
                    throw new ApiError(413, "the request body is " + declared + " bytes; the limit is " + limit);
                }
            } catch (NumberFormatException e) {
                throw new ApiError(400, "Content-Length '" + length + "' is not a number");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int read;
            while ((read = in.read(buf)) > 0) {
                if (out.size() + read > limit) {
                    discardBody();
                    throw new ApiError(413, "the request body is over the limit of " + limit + " bytes");
                }
                out.write(buf, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ApiError(400, "cannot read the request body: " + e.getMessage());
        }
    }

    public void json(int code, JsonNode body) throws IOException {
        send(code, "application/json", bytes(body));
    }

    /** The JSON as the API answers it: indented, with a newline at the end. */
    static byte[] bytes(JsonNode body) {
        return (body.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public void send(int code, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        status = code;
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(code, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } else {
            exchange.close();
        }
    }

    private void discardBody() {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buf = new byte[65536];
            long read = 0;
            int chunk;
            while (read < DRAIN_LIMIT && (chunk = in.read(buf)) > 0) {
                read += chunk;
            }
        } catch (IOException e) {
            // the client went away; the answer will not reach it either
        }
    }

    /** For streams (SSE): headers now, body written by the caller; chunked. */
    public OutputStream stream(int code, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        status = code;
        exchange.sendResponseHeaders(code, 0);
        return exchange.getResponseBody();
    }

    public void header(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    int status() {
        return status;
    }

    void markAnswered(int code) {
        status = code;
    }

    boolean answered() {
        return status != 0;
    }
}
