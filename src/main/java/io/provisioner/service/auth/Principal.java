package io.provisioner.service.auth;

/** Stand-in for h7's type (service contract); replaced by h7-service's on merge. */
public record Principal(String name, Role role) {
}
