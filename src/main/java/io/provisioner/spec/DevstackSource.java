package io.provisioner.spec;

/** Where DevStack comes from and where it lives on the target. */
public record DevstackSource(String repo, String ref, String dir) {
}
