package io.provisioner.service.auth;

import com.sun.net.httpserver.HttpExchange;

import java.util.Optional;

/** One way of knowing who sent a request (bearer token, the dashboard's session cookie). */
public interface Authenticator {
    Optional<Principal> authenticate(HttpExchange exchange);

    /**
     * Why a request that carries this kind of credential, valid, is still refused (403 rather than 401): a
     * session cookie on a state-changing request without its CSRF token. Empty: nothing to object to.
     */
    default Optional<String> refusal(HttpExchange exchange) {
        return Optional.empty();
    }
}
