package io.provisioner.sandbox;

import io.provisioner.remote.LocalCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Runs a short local setup command (git, flock) and fails with its output when it fails or runs over a minute. */
final class LocalProcess {
    private LocalProcess() {
    }

    static String run(Path dir, Map<String, String> env, String... command) throws IOException {
        return LocalCommand.of(command).in(dir).withEnvironment(env).mergingErrors().run().requireOk();
    }
}
