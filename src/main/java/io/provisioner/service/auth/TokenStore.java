package io.provisioner.service.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API's tokens, kept only as SHA-256 hashes. From a token file (one {@code name role sha256hex} per
 * line, {@code #} comments), from {@code PROVISIONER_API_TOKEN} (an operator named "env"), or one
 * generated token whose plain text the caller prints once.
 */
public final class TokenStore {
    private record Entry(String name, Role role, byte[] hash) {
    }

    private final List<Entry> entries;
    private final String generated;

    private TokenStore(List<Entry> entries, String generated) {
        this.entries = List.copyOf(entries);
        this.generated = generated;
    }

    /** Reads a token file; a bad line is an IllegalArgumentException naming FILE:LINE and what is wrong. */
    public static TokenStore fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the token file (" + e.getClass().getSimpleName() + ")");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] parts = line.split("\\s+");
            if (parts.length != 3) {
                throw new IllegalArgumentException(where + "expected 'name role sha256hex', found " + parts.length + " fields");
            }
            Role role = Role.fromLabel(parts[1]);
            if (role == null) {
                throw new IllegalArgumentException(where + "role '" + parts[1] + "' is not viewer or operator");
            }
            if (!parts[2].matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException(where + "the third field is not a SHA-256 hex digest (64 hex digits); "
                        + "write the output of: printf %s TOKEN | sha256sum");
            }
            entries.add(new Entry(parts[0], role, HexFormat.of().parseHex(parts[2].toLowerCase(java.util.Locale.ROOT))));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + ": no tokens in the file");
        }
        return new TokenStore(entries, null);
    }

    /** One operator token given in the environment. */
    public static TokenStore fromEnvironment(String token) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("PROVISIONER_API_TOKEN is empty");
        }
        return new TokenStore(List.of(new Entry("env", Role.OPERATOR, sha256(token))), null);
    }

    /** A fresh random operator token; {@link #generatedToken()} is its text, to be shown once. */
    public static TokenStore generate() {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        return new TokenStore(List.of(new Entry("admin", Role.OPERATOR, sha256(token))), token);
    }

    /** An in-memory store for tests and the dashboard: name, role, token text. */
    public static TokenStore of(List<Principal> principals, List<String> tokens) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < principals.size(); i++) {
            entries.add(new Entry(principals.get(i).name(), principals.get(i).role(), sha256(tokens.get(i))));
        }
        return new TokenStore(entries, null);
    }

    public Optional<String> generatedToken() {
        return Optional.ofNullable(generated);
    }

    /** The principal whose token this is; every entry is compared in constant time. */
    public Optional<Principal> lookup(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(token);
        Principal found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash(), hash) && found == null) {
                found = new Principal(e.name(), e.role());
            }
        }
        return Optional.ofNullable(found);
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
