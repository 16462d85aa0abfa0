package io.provisioner.service.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /logout} with the session's CSRF token (form field {@code csrf} or header
 * {@code X-CSRF-Token}): ends the session, clears the cookie and goes to the sign-in page.
 */
final class LogoutHandler implements HttpHandler {
    static final String PATH = "/logout";

    private final SessionStore sessions;

    LogoutHandler(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            HttpReply.methodNotAllowed(exchange, "POST");
            return;
        }
        Optional<Session> session = sessions.find(SessionCookie.read(exchange));
        if (session.isPresent()) {
            Map<String, String> form = FormBody.read(exchange.getRequestBody());
            String given = exchange.getRequestHeaders().getFirst(SessionCookieAuthenticator.CSRF_HEADER);
            if (given == null && form != null) {
                given = form.get("csrf");
            }
            if (!SessionStore.sameSecret(session.get().csrfToken(), given)) {
                HttpReply.text(exchange, 403, "sign-out refused: missing or wrong CSRF token");
                return;
            }
            sessions.close(session.get().id());
        }
        exchange.getResponseHeaders().add("Set-Cookie", SessionCookie.cleared());
        HttpReply.seeOther(exchange, LoginHandler.PATH);
    }
}
