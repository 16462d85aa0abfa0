package io.provisioner.service.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The spec {@code deploy --sandbox} uses without -f; a sandbox run submitted without a spec uses it too. */
final class BuiltinSandboxSpec {
    private static final String RESOURCE = "/io/provisioner/cli/sandbox-spec.yaml";

    private BuiltinSandboxSpec() {
    }

    static String text() {
        try (InputStream in = BuiltinSandboxSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
