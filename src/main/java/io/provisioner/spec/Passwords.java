package io.provisioner.spec;

import java.util.List;

/** DevStack's four passwords. All are required: an unset one makes stack.sh prompt and hang. */
public record Passwords(Secret admin, Secret database, Secret rabbit, Secret service) {
    public List<Secret> all() {
        return List.of(admin, database, rabbit, service);
    }
}
