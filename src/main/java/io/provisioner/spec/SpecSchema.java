package io.provisioner.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The published JSON Schema ({@code config/schema/hosts.schema.json}, packaged as {@code schema/hosts.schema.json}). */
public final class SpecSchema {
    public static final String RESOURCE = "schema/hosts.schema.json";

    private SpecSchema() {
    }

    public static String text() {
        try (InputStream in = SpecSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar; rebuild with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
