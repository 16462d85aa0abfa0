package io.provisioner.service.auth;

import java.util.Map;
import java.util.Optional;

/** Stand-in for h7's type (service contract); replaced by h7-service's on merge. */
public final class TokenStore {
    private final Map<String, Principal> byToken;

    public TokenStore(Map<String, Principal> byToken) {
        this.byToken = Map.copyOf(byToken);
    }

    public Optional<Principal> lookup(String token) {
        return Optional.ofNullable(token == null ? null : byToken.get(token));
    }
}
