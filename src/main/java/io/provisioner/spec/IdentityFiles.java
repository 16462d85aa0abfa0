package io.provisioner.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SSH identity files a spec names explicitly ({@code ssh.identity}) must exist and be readable here:
 * a missing key is bad input in the spec, not an unreachable or refusing host. A defaulted identity is not
 * checked (SSH then tries its other keys and the agent). Checked by {@code validate} and before a deploy;
 * not by the loader, so {@code render} and {@code plan} work where the key is not.
 */
public final class IdentityFiles {
    private IdentityFiles() {
    }

    /** What is wrong with one host's identity file, or empty. */
    public static Optional<String> problem(Host host) {
        SshSettings ssh = host.ssh();
        if (host.isLocal() || ssh.identity() == null || ssh.isDefaulted(SshSettings.IDENTITY)) {
            return Optional.empty();
        }
        Path file = Path.of(ssh.identity());
        if (!Files.exists(file)) {
            return Optional.of("host " + host.name() + ": ssh.identity " + file + " does not exist; create the key or"
                    + " point ssh.identity at it");
        }
        if (Files.isDirectory(file) || !Files.isReadable(file)) {
            return Optional.of("host " + host.name() + ": ssh.identity " + file + " is not a readable file (check its"
                    + " owner and mode)");
        }
        return Optional.empty();
    }

    /** Throws the spec's identity problems, each pointed at the spec line that names the file. */
    public static void check(Spec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        for (Host host : spec.executionOrder()) {
            problem(host).ifPresent(message -> problems.add(at(spec, host, message)));
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
    }

    private static SpecProblem at(Spec spec, Host host, String message) {
        String name = Path.of(host.ssh().identity()).getFileName().toString();
        try {
            List<String> lines = Files.readAllLines(spec.file());
            for (int index = 0; index < lines.size(); index++) {
                String line = lines.get(index);
                int column = line.indexOf("identity");
                if (column >= 0 && line.contains(name)) {
                    return new SpecProblem(spec.file().toString(), index + 1, column + 1, message);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the spec was read a moment ago; without it the problem still names the host and the file
        }
        return new SpecProblem(spec.file().toString(), 1, 1, message);
    }
}
