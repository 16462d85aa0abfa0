package io.provisioner.service.http;

import io.provisioner.service.auth.Role;

import java.io.IOException;
import java.util.regex.Pattern;

/** An API route: method, path pattern (groups are path parameters), the role it needs (null: none). */
record Route(String method, Pattern path, Role needs, Handler handler) {
    @FunctionalInterface
    interface Handler {
        void handle(HttpCall call) throws IOException;
    }

    static Route of(String method, String regex, Role needs, Handler handler) {
        return new Route(method, Pattern.compile(regex), needs, handler);
    }
}
