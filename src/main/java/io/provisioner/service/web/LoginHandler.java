package io.provisioner.service.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.provisioner.service.auth.Principal;
import io.provisioner.service.auth.TokenStore;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /login}: trades an API token for a session cookie. {@code GET /login} shows the form;
 * {@code POST /login} (form fields {@code token}, {@code next}) and, for scripts and tests,
 * {@code GET /login?token=TOKEN&next=PATH} sign in and redirect (303) to {@code next}, so the token leaves the
 * address bar. {@code next} must be a path on this server; anything else goes to {@code /}.
 */
final class LoginHandler implements HttpHandler {
    static final String PATH = "/login";

    private final TokenStore tokens;
    private final SessionStore sessions;
    private final WebResources resources;

    LoginHandler(TokenStore tokens, SessionStore sessions, WebResources resources) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.resources = resources;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            HttpReply.text(exchange, 404, "not found");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET", "HEAD" -> {
                Map<String, String> query = FormBody.parse(exchange.getRequestURI().getRawQuery());
                if (query.containsKey("token")) {
                    signIn(exchange, query.get("token"), query.get("next"));
                } else {
                    showForm(exchange, 200, localPath(query.get("next")), "");
                }
            }
            case "POST" -> {
                if (!sameOrigin(exchange)) {
                    HttpReply.text(exchange, 403, "sign-in refused: the form was posted from another site");
                    return;
                }
                Map<String, String> form = FormBody.read(exchange.getRequestBody());
                if (form == null) {
                    HttpReply.text(exchange, 413, "sign-in form larger than " + FormBody.LIMIT + " bytes");
                    return;
                }
                signIn(exchange, form.get("token"), form.get("next"));
            }
            default -> HttpReply.methodNotAllowed(exchange, "GET, POST");
        }
    }

    private void signIn(HttpExchange exchange, String token, String next) throws IOException {
        String target = localPath(next);
        Optional<Principal> principal = token == null || token.isBlank() ? Optional.empty() : tokens.lookup(token.trim());
        if (principal.isEmpty()) {
            showForm(exchange, 401, target, "That token is not known to this server.");
            return;
        }
        Session session = sessions.open(principal.get());
        exchange.getResponseHeaders().add("Set-Cookie", SessionCookie.set(session.id(), sessions.idle()));
        HttpReply.seeOther(exchange, target);
    }

    private void showForm(HttpExchange exchange, int status, String next, String error) throws IOException {
        String page = resources.template("login.html")
                .replace("{{next}}", HttpReply.escapeHtml(next))
                .replace("{{error}}", HttpReply.escapeHtml(error))
                .replace("{{errorHidden}}", error.isEmpty() ? "hidden" : "");
        HttpReply.html(exchange, status, page);
    }

    /**
     * {@code next} when it is a path on this server ({@code /runs/7?x=1}), else {@code /}: no scheme, no
     * {@code //host}, no backslash tricks, no control characters.
     */
    static String localPath(String next) {
        if (next == null || next.isEmpty() || next.charAt(0) != '/' || next.length() > 2048) {
            return "/";
        }
        if (next.startsWith("//") || next.startsWith("/\\") || next.startsWith(PATH)) {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char ch = next.charAt(i);
            if (ch < 0x21 || ch == 0x7f || ch == '\\') {
                return "/";
            }
        }
        return next;
    }

    /** A browser posting a form sends Origin; when it does, it must be this server. */
    static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return true;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }
}
