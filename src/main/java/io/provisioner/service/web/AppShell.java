package io.provisioner.service.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Every dashboard page ({@code /}, {@code /runs/ID}, {@code /runs/ID/hosts/HOST/log}, {@code /submit}): the one
 * HTML shell whose scripts draw the page, with the signed-in name, role and CSRF token in meta tags. Without a
 * session it redirects to {@code /login?next=PATH}. Paths under {@code /api/} that reach it are unknown API
 * paths and answer 404.
 */
final class AppShell implements HttpHandler {
    private final SessionStore sessions;
    private final WebResources resources;

    AppShell(SessionStore sessions, WebResources resources) {
        this.sessions = sessions;
        this.resources = resources;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/api/")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            HttpReply.send(exchange, 404, "application/json",
                    "{\"error\":\"no such API path\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/favicon.ico")) {
            exchange.getResponseHeaders().set("Cache-Control", "max-age=86400");
            HttpReply.send(exchange, 200, "image/svg+xml", resources.read("assets/favicon.svg").orElseThrow());
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HttpReply.methodNotAllowed(exchange, "GET");
            return;
        }
        Optional<Session> session = sessions.find(SessionCookie.read(exchange));
        if (session.isEmpty()) {
            String raw = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            HttpReply.seeOther(exchange, LoginHandler.PATH + "?next=" + URLEncoder.encode(raw, StandardCharsets.UTF_8));
            return;
        }
        Session current = session.get();
        String page = resources.template("index.html")
                .replace("{{user}}", HttpReply.escapeHtml(current.principal().name()))
                .replace("{{role}}", current.principal().role().name().toLowerCase(java.util.Locale.ROOT))
                .replace("{{csrf}}", current.csrfToken());
        HttpReply.html(exchange, 200, page);
    }
}
