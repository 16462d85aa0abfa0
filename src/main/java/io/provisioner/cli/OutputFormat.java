package io.provisioner.cli;

/** {@code --format}: for people, or for machines. */
public enum OutputFormat {
    text, json
}
