package io.provisioner.service.web;

import com.sun.net.httpserver.HttpExchange;
import io.provisioner.service.auth.Authenticator;
import io.provisioner.service.auth.Principal;

import java.util.Optional;
import java.util.Set;

/**
 * Lets the API accept the dashboard's session cookie next to bearer tokens. A state-changing request
 * (anything but GET, HEAD, OPTIONS) authenticated by the cookie must carry {@code X-CSRF-Token} equal to the
 * session's token; without it the cookie does not authenticate the request, and the API answers 403 (a form
 * posted from another site is refused as forbidden, not asked to sign in).
 */
public final class SessionCookieAuthenticator implements Authenticator {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final SessionStore sessions;

    public SessionCookieAuthenticator(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<Principal> authenticate(HttpExchange exchange) {
        return session(exchange).map(Session::principal);
    }

    /** The request's session when it may act with it (CSRF token checked for unsafe methods). */
    Optional<Session> session(HttpExchange exchange) {
        Optional<Session> session = sessions.find(SessionCookie.read(exchange));
        if (session.isEmpty() || isSafe(exchange.getRequestMethod())) {
            return session;
        }
        String given = exchange.getRequestHeaders().getFirst(CSRF_HEADER);
        return SessionStore.sameSecret(session.get().csrfToken(), given) ? session : Optional.empty();
    }

    /** A live session cookie on a state-changing request without the session's CSRF token: refused (403). */
    @Override
    public Optional<String> refusal(HttpExchange exchange) {
        if (!lacksCsrfToken(exchange)) {
            return Optional.empty();
        }
        return Optional.of("the session cookie alone does not allow " + exchange.getRequestMethod().toUpperCase(
                java.util.Locale.ROOT) + ": send the page's CSRF token in " + CSRF_HEADER);
    }

    /** True when the request carries a live session cookie but not the CSRF token an unsafe method needs. */
    public boolean lacksCsrfToken(HttpExchange exchange) {
        return !isSafe(exchange.getRequestMethod()) && sessions.find(SessionCookie.read(exchange)).isPresent()
                && session(exchange).isEmpty();
    }

    static boolean isSafe(String method) {
        return SAFE_METHODS.contains(method.toUpperCase(java.util.Locale.ROOT));
    }
}
