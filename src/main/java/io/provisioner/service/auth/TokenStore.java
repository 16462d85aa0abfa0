package io.provisioner.service.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stand-in for h7's type (service contract); replaced by h7-service's on merge. */
public final class TokenStore {
    private final Map<String, Principal> byToken;

    private TokenStore(Map<String, Principal> byToken) {
        this.byToken = Map.copyOf(byToken);
    }

    public static TokenStore of(List<Principal> principals, List<String> tokens) {
        Map<String, Principal> map = new HashMap<>();
        for (int i = 0; i < principals.size(); i++) {
            map.put(tokens.get(i), principals.get(i));
        }
        return new TokenStore(map);
    }

    public Optional<Principal> lookup(String token) {
        return Optional.ofNullable(token == null ? null : byToken.get(token));
    }
}
