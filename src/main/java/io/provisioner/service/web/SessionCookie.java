package io.provisioner.service.web;

import com.sun.net.httpserver.HttpExchange;

import java.time.Duration;
import java.util.List;

/** The {@code provisioner_session} cookie: read from a request, set (HttpOnly, SameSite=Strict) and cleared. */
final class SessionCookie {
    static final String NAME = "provisioner_session";

    private SessionCookie() {
    }

    /** The session id the request carries, or null. */
    static String read(HttpExchange exchange) {
        List<String> headers = exchange.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(NAME)) {
                    return pair.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    static String set(String id, Duration maxAge) {
        return NAME + "=" + id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAge.toSeconds();
    }

    static String cleared() {
        return NAME + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
    }
}
