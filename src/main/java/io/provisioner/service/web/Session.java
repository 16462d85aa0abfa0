package io.provisioner.service.web;

import io.provisioner.service.auth.Principal;

import java.time.Instant;

/**
 * A signed-in browser: who it is, the token its state-changing requests must echo in {@code X-CSRF-Token},
 * and when it lapses (sliding: each use moves it on).
 */
record Session(String id, Principal principal, String csrfToken, Instant expires) {

    Session renewedUntil(Instant until) {
        return new Session(id, principal, csrfToken, until);
    }
}
