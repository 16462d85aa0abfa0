package io.provisioner.plan;

/** A file a deploy writes on the target, with the sha256 of the content it will write. */
public record PlannedFile(String path, String sha256, int bytes, String mode) {
}
