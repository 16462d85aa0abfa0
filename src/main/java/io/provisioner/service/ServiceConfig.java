package io.provisioner.service;

import java.nio.file.Path;

/**
 * How {@code provisioner serve} runs. {@code dbUrl} null = the embedded H2 file under {@code stateDir};
 * {@code tokenFile} null = {@code PROVISIONER_API_TOKEN} or a generated token (then loopback only).
 */
public record ServiceConfig(String bind, int port, String dbUrl, Path tokenFile, int workers, Path stateDir,
                            boolean allowInlineSecrets) {
}
