package io.provisioner.service.auth;

import com.sun.net.httpserver.HttpExchange;

import java.util.Optional;

/** Stand-in for h7's type (service contract); replaced by h7-service's on merge. */
public interface Authenticator {
    Optional<Principal> authenticate(HttpExchange exchange);
}
