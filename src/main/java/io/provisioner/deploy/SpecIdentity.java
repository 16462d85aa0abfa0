package io.provisioner.deploy;

import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Which spec a run deployed: the spec file's absolute path and a hash of its hosts as loaded (secrets
 * masked, so a password change is the same spec). Several specs may share a state directory; each run
 * opens with a {@code run} record carrying this identity, so status and resume see only their own runs.
 */
public record SpecIdentity(String path, String hostsSha256) {
    static final String STEP = "run";

    public static SpecIdentity of(Spec spec) {
        StringBuilder hosts = new StringBuilder();
        for (Host host : spec.hosts()) {
            hosts.append(host).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(hosts.toString().getBytes(StandardCharsets.UTF_8));
            return new SpecIdentity(spec.file().toAbsolutePath().normalize().toString(), HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every JDK", missing);
        }
    }

    /** The record that opens (or re-opens, on resume) run {@code run} of this spec. */
    JournalRecord opening(String run) {
        return new JournalRecord(Instant.now(), run, "", STEP, StepState.STARTED, "spec " + path,
                Map.of("spec", path, "hosts_sha256", hostsSha256));
    }

    /** The identity an opening record carries, if {@code record} is one. */
    static Optional<SpecIdentity> of(JournalRecord record) {
        if (!STEP.equals(record.step()) || !record.host().isEmpty() || !record.data().containsKey("hosts_sha256")) {
            return Optional.empty();
        }
        return Optional.of(new SpecIdentity(record.data().getOrDefault("spec", ""), record.data().get("hosts_sha256")));
    }

    /** For messages: the path and the first twelve hex digits of the hash. */
    public String describe() {
        return path + " (hosts " + hostsSha256.substring(0, 12) + ")";
    }
}
