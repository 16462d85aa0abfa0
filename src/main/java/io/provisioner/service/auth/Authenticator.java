package io.provisioner.service.auth;

import com.sun.net.httpserver.HttpExchange;

import java.util.Optional;

/** One way of knowing who sent a request (bearer token, the dashboard's session cookie). */
public interface Authenticator {
    Optional<Principal> authenticate(HttpExchange exchange);
}
