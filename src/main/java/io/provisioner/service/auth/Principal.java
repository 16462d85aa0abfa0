package io.provisioner.service.auth;

/** Who made a request: the token's name and its role. */
public record Principal(String name, Role role) {
    public boolean mayOperate() {
        return role == Role.OPERATOR;
    }
}
