package io.provisioner.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The two files a host gets: {@code local.conf} and the stackrc overlay (without its block markers). */
public record RenderedHost(String localConf, String stackrcOverlay) {

    public String localConfSha256() {
        return sha256(localConf);
    }

    public String stackrcOverlaySha256() {
        return sha256(stackrcOverlay);
    }

    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
