package io.provisioner.service.web;

import com.sun.net.httpserver.HttpServer;
import io.provisioner.service.auth.Authenticator;
import io.provisioner.service.auth.TokenStore;

/**
 * The web dashboard of {@code provisioner serve}: pages at {@code /}, sign-in at {@code /login}, sign-out at
 * {@code /logout}, scripts and styles at {@code /assets/}, all from the jar. The pages call the JSON API with the
 * session cookie; {@link #mount} returns the authenticator the API must be given for that.
 */
public final class Dashboard {
    private Dashboard() {
    }

    /**
     * Registers the dashboard's handlers on {@code server} (the API's own, longer {@code /api/...} contexts win
     * over {@code /}) and returns the session-cookie authenticator for the API's list.
     */
    public static Authenticator mount(HttpServer server, TokenStore tokens) {
        return mount(server, tokens, new SessionStore());
    }

    static SessionCookieAuthenticator mount(HttpServer server, TokenStore tokens, SessionStore sessions) {
        WebResources resources = new WebResources();
        server.createContext("/", new AppShell(sessions, resources));
        server.createContext(LoginHandler.PATH, new LoginHandler(tokens, sessions, resources));
        server.createContext(LogoutHandler.PATH, new LogoutHandler(sessions));
        server.createContext(StaticAssets.PREFIX, new StaticAssets(resources));
        return new SessionCookieAuthenticator(sessions);
    }
}
