package io.provisioner.service.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body or query string, as a map (first value of each name). */
final class FormBody {
    /** A sign-in or sign-out form is a few hundred bytes; more is refused. */
    static final int LIMIT = 16 * 1024;

    private FormBody() {
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    /** The body's fields; null when it is larger than {@link #LIMIT}. */
    static Map<String, String> read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(LIMIT + 1);
        if (bytes.length > LIMIT) {
            return null;
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }
}
