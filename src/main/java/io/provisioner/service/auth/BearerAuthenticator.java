package io.provisioner.service.auth;

import com.sun.net.httpserver.HttpExchange;

import java.util.Optional;

/** {@code Authorization: Bearer TOKEN}, looked up in the {@link TokenStore}. */
public final class BearerAuthenticator implements Authenticator {
    private static final String PREFIX = "Bearer ";
    private final TokenStore tokens;

    public BearerAuthenticator(TokenStore tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<Principal> authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        return tokens.lookup(header.substring(PREFIX.length()).strip());
    }
}
